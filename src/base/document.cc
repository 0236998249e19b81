#include "vigil/document.h"

#include "base/utf8.h"

namespace vigil {

const char* BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kHeadline: return "headline";
    case BlockKind::kStandfirst: return "standfirst";
    case BlockKind::kBody: return "body";
    case BlockKind::kCaption: return "caption";
    case BlockKind::kListItem: return "list_item";
  }
  return "body";
}

const char* SourceFormatName(SourceFormat format) {
  switch (format) {
    case SourceFormat::kText: return "text";
    case SourceFormat::kHtml: return "html";
    case SourceFormat::kJsonl: return "jsonl";
  }
  return "text";
}

std::string DomainOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) {
    if (url.substr(0, 2) != "//") return {};
    url.remove_prefix(2);  // scheme-relative: "//example.com/a"
  } else {
    url.remove_prefix(scheme + 3);
  }
  std::string_view host = url.substr(0, url.find_first_of("/?#"));
  size_t at = host.rfind('@');
  if (at != std::string_view::npos) host.remove_prefix(at + 1);
  host = host.substr(0, host.find(':'));
  std::string h(host);
  for (char& c : h)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (h.rfind("www.", 0) == 0) h.erase(0, 4);
  return h;
}

void Document::AppendBlock(BlockKind kind, std::string_view content) {
  content = TrimSpace(content);
  if (content.empty()) return;
  if (!text.empty()) text += "\n\n";
  Block b;
  b.kind = kind;
  b.begin = static_cast<uint32_t>(text.size());
  text.append(content);
  b.end = static_cast<uint32_t>(text.size());
  blocks.push_back(b);
}

}  // namespace vigil
