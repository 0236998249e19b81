#include "source/text_blocks.h"

#include <algorithm>
#include <cctype>

#include "base/utf8.h"
#include "vigil/source.h"

namespace vigil {

namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool LooksLikeUrl(std::string_view v) {
  return v.rfind("http://", 0) == 0 || v.rfind("https://", 0) == 0;
}

enum class Key { kNone, kDate, kUpdated, kTitle, kUrl, kOutlet, kAuthor, kLang };

Key KeyFromName(std::string_view name) {
  std::string k = LowerAscii(name);
  if (k == "date" || k == "published" || k == "pubdate" || k == "published_at") return Key::kDate;
  if (k == "updated" || k == "modified" || k == "last_updated") return Key::kUpdated;
  if (k == "title" || k == "headline") return Key::kTitle;
  if (k == "url" || k == "link") return Key::kUrl;
  if (k == "outlet" || k == "source" || k == "site") return Key::kOutlet;
  if (k == "author" || k == "by" || k == "byline") return Key::kAuthor;
  if (k == "lang" || k == "language") return Key::kLang;
  return Key::kNone;
}

bool EndsSentence(std::string_view line) {
  line = TrimSpace(line);
  if (line.empty()) return false;
  // A closing quote or bracket ends a sentence only after terminal
  // punctuation: 'said "we will."' does, 'would be "OK with me"' does not.
  for (;;) {
    if (!line.empty() && (line.back() == '"' || line.back() == '\'' || line.back() == ')')) {
      line.remove_suffix(1);
    } else if (line.size() >= 3 && (line.substr(line.size() - 3) == "\xE2\x80\x9D" ||
                                    line.substr(line.size() - 3) == "\xE2\x80\x99")) {
      line.remove_suffix(3);
    } else {
      break;
    }
  }
  if (line.empty()) return false;
  char c = line.back();
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return true;
  return line.size() >= 3 && line.substr(line.size() - 3) == "\xE2\x80\xA6";  // ellipsis
}

bool IsMonthWord(std::string_view w) {
  static const char* kMonths[] = {
      "jan", "jan.", "january", "feb", "feb.", "february", "mar", "mar.", "march",
      "apr", "apr.", "april", "may", "jun", "jun.", "june", "jul", "jul.", "july",
      "aug", "aug.", "august", "sep", "sep.", "sept", "sept.", "september", "oct",
      "oct.", "october", "nov", "nov.", "november", "dec", "dec.", "december"};
  std::string lw = LowerAscii(w);
  for (const char* m : kMonths)
    if (lw == m) return true;
  return false;
}

// "- x", "* x", "• x", "1. x", "2) x", "Oct. 27: x", "September 2 — x".
bool IsListItemLine(std::string_view line) {
  line = TrimSpace(line);
  if (line.size() < 3) return false;
  if ((line[0] == '-' || line[0] == '*') && line[1] == ' ') return true;
  if (line.rfind("\xE2\x80\xA2", 0) == 0 || line.rfind("\xE2\x80\x93 ", 0) == 0 ||
      line.rfind("\xE2\x80\x94 ", 0) == 0)
    return true;
  size_t i = 0;
  while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
  if (i > 0 && i <= 3 && i + 1 < line.size() && (line[i] == '.' || line[i] == ')') &&
      line[i + 1] == ' ')
    return true;
  // Tracker date prefix.
  size_t sp = line.find(' ');
  if (sp == std::string_view::npos || !IsMonthWord(line.substr(0, sp))) return false;
  size_t j = sp + 1;
  size_t d = j;
  while (j < line.size() && std::isdigit(static_cast<unsigned char>(line[j]))) ++j;
  if (j == d || j - d > 2) return false;
  // Optional ", 2025".
  if (j + 1 < line.size() && line[j] == ',' && line[j + 1] == ' ') {
    size_t k = j + 2, y = k;
    while (k < line.size() && std::isdigit(static_cast<unsigned char>(line[k]))) ++k;
    if (k - y == 4) j = k;
  }
  if (j < line.size() && line[j] == ':') return true;
  std::string_view rest = line.substr(j);
  return rest.rfind(" \xE2\x80\x94", 0) == 0 || rest.rfind(" \xE2\x80\x93", 0) == 0 ||
         rest.rfind(" - ", 0) == 0;
}

bool IsCaptionLine(std::string_view line) {
  line = TrimSpace(line);
  static const char* kOpeners[] = {"pictured:", "photo:", "above:", "image:",
                                   "caption:", "file photo", "file -", "(photo"};
  std::string head = LowerAscii(line.substr(0, 16));
  for (const char* o : kOpeners)
    if (head.rfind(o, 0) == 0) return true;
  std::string tail = LowerAscii(line.substr(line.size() > 48 ? line.size() - 48 : 0));
  return tail.find("getty images") != std::string::npos ||
         tail.find("/ap photo") != std::string::npos ||
         tail.find("(ap photo") != std::string::npos ||
         tail.find("/reuters") != std::string::npos ||
         tail.find("/afp") != std::string::npos;
}

// True when a block of |lines| reads as one hard-wrapped paragraph: several
// lines, most of them long and of similar width, most not ending a sentence.
bool IsHardWrapped(const std::vector<std::string_view>& lines) {
  size_t counted = 0, wrapped = 0, max_len = 0;
  for (std::string_view l : lines) {
    std::string_view t = TrimSpace(l);
    if (t.empty()) continue;
    max_len = std::max(max_len, t.size());
    ++counted;
    if (t.size() >= 40 && t.size() <= 100 && !EndsSentence(t)) ++wrapped;
  }
  return counted >= 4 && max_len <= 110 && wrapped * 2 >= counted;
}

}  // namespace

std::string DateAtStart(std::string_view v, size_t* used) {
  std::vector<size_t> ends;
  size_t i = 0;
  while (i < v.size() && ends.size() < 6) {
    while (i < v.size() && v[i] != ' ' && v[i] != '\t') ++i;
    ends.push_back(i);
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
  }
  for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
    std::string iso = NormalizeDate(v.substr(0, *it));
    if (!iso.empty()) {
      *used = *it;
      return iso;
    }
  }
  return "";
}

std::string_view ReadMetadataLines(std::string_view text, DocumentMeta* meta,
                                   std::vector<std::string>* notes) {
  size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  bool any = false;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t b = 0;
    while (b < line.size() && (line[b] == ' ' || line[b] == '\t')) ++b;
    if (b == line.size()) {
      // Blank lines between or after metadata lines.
      pos = eol + 1;
      if (!any) continue;
      continue;
    }
    size_t k = b;
    while (k < line.size() && (std::isalpha(static_cast<unsigned char>(line[k])) || line[k] == '_'))
      ++k;
    Key key = KeyFromName(line.substr(b, k - b));
    if (key == Key::kNone || k == b) break;
    bool colon = k < line.size() && line[k] == ':';
    if (!colon && (k >= line.size() || (line[k] != ' ' && line[k] != '\t'))) break;
    size_t v = k + (colon ? 1 : 0);
    while (v < line.size() && (line[v] == ' ' || line[v] == '\t')) ++v;
    std::string_view value = TrimSpace(line.substr(v));
    if (key == Key::kUpdated) {
      size_t used = 0;
      std::string iso = DateAtStart(value, &used);
      if (iso.empty() || !TrimSpace(value.substr(used)).empty()) break;
      meta->updated = iso;
      any = true;
    } else if (key == Key::kDate) {
      size_t used = 0;
      std::string iso = DateAtStart(value, &used);
      if (iso.empty()) {
        // "date: 31 February 2025" names itself metadata, but no day.
        if (!colon || value.empty()) break;
        if (notes)
          notes->push_back("unrecognised date ignored: " +
                           std::string(TruncateUtf8(value, 64)));
        any = true;
        pos = eol + 1;
        continue;
      }
      meta->published = iso;
      any = true;
      std::string_view rest = TrimSpace(value.substr(used));
      if (!rest.empty()) {
        // Body text continues on the same line after the date.
        size_t rest_at = static_cast<size_t>(rest.data() - text.data());
        return text.substr(rest_at);
      }
    } else if (key == Key::kUrl) {
      if (!LooksLikeUrl(value) || value.find(' ') != std::string_view::npos) break;
      meta->url = std::string(value);
      any = true;
    } else {
      // Free-text values need a colon, or an earlier metadata line.
      if (!colon && !any) break;
      if (value.empty() || value.size() > 300) break;
      if (key == Key::kTitle) meta->title = std::string(value);
      if (key == Key::kOutlet) meta->outlet = std::string(value);
      if (key == Key::kAuthor) meta->author = std::string(value);
      if (key == Key::kLang) meta->lang = std::string(value);
      any = true;
    }
    pos = eol + 1;
  }
  if (!any) return text.substr(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
  return text.substr(std::min(pos, text.size()));
}

std::vector<TextBlock> SplitTextBlocks(std::string_view body, std::string_view title) {
  // Lines, with \r\n and lone \r treated as line ends.
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t eol = body.find_first_of("\r\n", pos);
    if (eol == std::string_view::npos) {
      lines.push_back(body.substr(pos));
      break;
    }
    lines.push_back(body.substr(pos, eol - pos));
    if (body[eol] == '\r' && eol + 1 < body.size() && body[eol + 1] == '\n') ++eol;
    pos = eol + 1;
  }

  // Paragraphs: runs of non-blank lines.
  std::vector<std::vector<std::string_view>> paragraphs;
  std::vector<std::string_view> current;
  for (std::string_view l : lines) {
    if (TrimSpace(l).empty()) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(l);
    }
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));

  std::vector<TextBlock> out;
  for (const auto& para : paragraphs) {
    bool wrapped = IsHardWrapped(para);
    TextBlock pending;
    bool has_pending = false;
    auto flush = [&]() {
      if (has_pending) out.push_back(std::move(pending));
      pending = TextBlock();
      has_pending = false;
    };
    for (std::string_view l : para) {
      std::string_view t = TrimSpace(l);
      bool list = IsListItemLine(t);
      if (!wrapped || list || !has_pending) {
        flush();
        pending.kind = list ? BlockKind::kListItem
                            : IsCaptionLine(t) ? BlockKind::kCaption : BlockKind::kBody;
        pending.text.assign(t);
        has_pending = true;
      } else {
        pending.text += ' ';
        pending.text.append(t);
      }
    }
    flush();
  }

  if (!out.empty() && out[0].kind == BlockKind::kBody) {
    std::string_view first = out[0].text;
    bool equals_title = !title.empty() && TrimSpace(title) == first;
    bool headline_shape = out.size() > 1 && first.size() <= 300 && !EndsSentence(first);
    if (equals_title || headline_shape) out[0].kind = BlockKind::kHeadline;
  }
  return out;
}

}  // namespace vigil
