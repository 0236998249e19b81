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
