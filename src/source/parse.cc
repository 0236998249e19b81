// ParseRawItem: one raw item (a text file, an HTML page, a JSON object) to a
// Document with clean text in blocks.

#include <cctype>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "base/utf8.h"
#include "source/html_reader.h"
#include "source/text_blocks.h"
#include "vigil/source.h"

namespace vigil {

namespace {

// Decodes UTF-16 (with a byte-order mark) to UTF-8. Returns false if |s| has
// no UTF-16 BOM.
bool DecodeUtf16(std::string* s) {
  if (s->size() < 2) return false;
  unsigned char b0 = (*s)[0], b1 = (*s)[1];
  bool le;
  if (b0 == 0xFF && b1 == 0xFE) le = true;
  else if (b0 == 0xFE && b1 == 0xFF) le = false;
  else return false;
  std::string out;
  out.reserve(s->size());
  for (size_t i = 2; i + 1 < s->size(); i += 2) {
    unsigned char a = (*s)[i], b = (*s)[i + 1];
    char32_t u = le ? (a | (b << 8)) : ((a << 8) | b);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < s->size()) {
      unsigned char c = (*s)[i + 2], d = (*s)[i + 3];
      char32_t lo = le ? (c | (d << 8)) : ((c << 8) | d);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        i += 2;
      } else {
        u = 0xFFFD;
      }
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      u = 0xFFFD;
    }
    AppendUtf8(u, &out);
  }
  s->swap(out);
  return true;
}

// windows-1252 bytes 0x80-0x9F.
const char32_t kCp1252High[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

void DecodeCp1252(std::string* s) {
  std::string out;
  out.reserve(s->size() + s->size() / 8);
  for (unsigned char c : *s) {
    if (c < 0x80) out.push_back(static_cast<char>(c));
    else if (c < 0xA0) AppendUtf8(kCp1252High[c - 0x80], &out);
    else AppendUtf8(c, &out);
  }
  s->swap(out);
}

// Checks that |bytes| look like text and makes them valid UTF-8: UTF-16 with a
// BOM is decoded, text with no valid multi-byte sequence at all is read as
// windows-1252, and stray invalid sequences are replaced with U+FFFD and
// reported in |notes|. Returns InvalidInput for binary content.
Status MakeUtf8Text(std::string* bytes, std::string_view origin,
                    std::vector<std::string>* notes) {
  if (DecodeUtf16(bytes)) notes->push_back("decoded from UTF-16");
  const size_t probe = std::min<size_t>(bytes->size(), 1 << 16);
  const void* nul = std::memchr(bytes->data(), '\0', probe);
  if (nul != nullptr) {
    size_t at = static_cast<const char*>(nul) - bytes->data();
    return Status::InvalidInput(
        "binary content (NUL byte at byte " + std::to_string(at) + "); skipped",
        std::string(origin));
  }
  size_t controls = 0;
  for (size_t i = 0; i < probe; ++i) {
    unsigned char c = (*bytes)[i];
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
  }
  if (probe > 0 && controls * 20 > probe)
    return Status::InvalidInput("binary content (control bytes); skipped",
                                std::string(origin));
  if (IsAscii(*bytes)) return Status::Ok();
  size_t first_bad = FindInvalidUtf8(*bytes);
  if (first_bad == std::string::npos) return Status::Ok();

  // Count valid multi-byte sequences and invalid bytes.
  size_t valid_multi = 0, invalid = 0;
  for (size_t i = 0; i < bytes->size();) {
    unsigned char c = (*bytes)[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t j = i;
    char32_t cp = DecodeUtf8(*bytes, &j);
    if (cp == 0xFFFD && j == i + 1) ++invalid;
    else ++valid_multi;
    i = j;
  }
  if (invalid * 4 > bytes->size())
    return Status::InvalidInput("binary content (mostly invalid UTF-8); skipped",
                                std::string(origin));
  if (valid_multi == 0) {
    DecodeCp1252(bytes);
    notes->push_back("not UTF-8: decoded as windows-1252 (first non-UTF-8 byte at byte " +
                     std::to_string(first_bad) + ")");
    return Status::Ok();
  }
  size_t count = RepairUtf8(bytes);
  notes->push_back("invalid UTF-8 at byte " + std::to_string(first_bad) + ": " +
                   std::to_string(count) + " sequence(s) replaced with U+FFFD");
  return Status::Ok();
}


void AddTextBlocks(std::string_view body, const std::string& title, Document* doc) {
  std::vector<TextBlock> blocks = SplitTextBlocks(body, title);
  for (TextBlock& b : blocks) {
    NormalizeNfc(&b.text);
    doc->AppendBlock(b.kind, b.text);
  }
}

Status ParseText(const RawItem& item, Document* doc) {
  doc->format = SourceFormat::kText;
  std::string_view body = ReadMetadataLines(doc->raw, &doc->meta, &doc->notes);
  AddTextBlocks(body, doc->meta.title, doc);
  if (doc->meta.title.empty() && !doc->blocks.empty() &&
      doc->blocks[0].kind == BlockKind::kHeadline) {
    const Block& b = doc->blocks[0];
    doc->meta.title = doc->text.substr(b.begin, b.end - b.begin);
  }
  return Status::Ok();
}

// |charset|: what the transport declared (RawItem::charset), or empty.
Status ParseHtml(std::string_view html, std::string_view origin, const std::string& charset,
                 Document* doc) {
  HtmlReadOptions options;
  options.charset = charset;
  auto article = ReadHtmlArticle(html, origin, options);
  if (!article.ok()) return article.status();
  const DocumentMeta& m = article->meta;
  // Fields already set (from JSON) take precedence over the page's.
  if (doc->meta.title.empty()) doc->meta.title = m.title;
  if (doc->meta.url.empty()) doc->meta.url = m.url;
  if (doc->meta.outlet.empty()) doc->meta.outlet = m.outlet;
  if (doc->meta.author.empty()) doc->meta.author = m.author;
  if (doc->meta.published.empty()) doc->meta.published = m.published;
  if (doc->meta.updated.empty()) doc->meta.updated = m.updated;
  if (doc->meta.lang.empty()) doc->meta.lang = m.lang;
  for (auto& [kind, text] : article->blocks) {
    std::string t = text;
    RepairUtf8(&t);
    NormalizeNfc(&t);
    doc->AppendBlock(kind, t);
  }
  for (auto& n : article->notes) doc->notes.push_back(n);
  return Status::Ok();
}

// Reads string field |key| of |obj| into |out| (first of several names).
bool GetString(simdjson::dom::object obj, std::initializer_list<const char*> keys,
               std::string* out) {
  for (const char* key : keys) {
    simdjson::dom::element e;
    if (obj.at_key(key).get(e)) continue;
    std::string_view sv;
    if (!e.get_string().get(sv)) {
      out->assign(sv);
      return true;
    }
    int64_t n;
    if (!e.get_int64().get(n)) {
      *out = std::to_string(n);
      return true;
    }
  }
  return false;
}

// Length of the JSON number at the start of |s| (RFC 8259 grammar), or 0.
size_t JsonNumberLength(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return 0;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return 0;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return 0;
  }
  return i;
}

// Copies |json| to |out| with every well-formed number outside strings
// written as a string (12 -> "12"). Returns how many were quoted.
size_t QuoteJsonNumbers(std::string_view json, std::string* out) {
  out->clear();
  out->reserve(json.size() + 64);
  size_t count = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size();) {
    char c = json[i];
    if (in_string) {
      size_t step = (c == '\\' && i + 1 < json.size()) ? 2 : 1;
      if (c == '"') in_string = false;
      out->append(json.substr(i, step));
      i += step;
      continue;
    }
    size_t n = (c == '-' || (c >= '0' && c <= '9')) ? JsonNumberLength(json.substr(i)) : 0;
    if (n == 0) {
      if (c == '"') in_string = true;
      out->push_back(c);
      ++i;
      continue;
    }
    out->push_back('"');
    out->append(json.substr(i, n));
    out->push_back('"');
    i += n;
    ++count;
  }
  return count;
}

Status ParseJsonLine(const RawItem& item, Document* doc) {
  doc->format = SourceFormat::kJsonl;
  thread_local simdjson::dom::parser parser;
  // JSON structure is ASCII, so invalid UTF-8 can only sit inside strings:
  // repair it (and say so) rather than lose the record.
  std::string repaired;
  std::string_view bytes = item.bytes;
  size_t first_bad = FindInvalidUtf8(bytes);
  if (first_bad != std::string_view::npos) {
    repaired.assign(bytes);
    size_t count = RepairUtf8(&repaired);
    doc->notes.push_back("invalid UTF-8 at byte " + std::to_string(first_bad) +
                         " of the line: " + std::to_string(count) +
                         " sequence(s) replaced with U+FFFD");
    bytes = repaired;
  }
  simdjson::dom::element root;
  auto err = parser.parse(bytes.data(), bytes.size()).get(root);
  std::string quoted;
  if (err == simdjson::NUMBER_ERROR) {
    // A well-formed number simdjson cannot hold (above 2^64, or beyond a
    // double's range: "id": 123456789012345678901234567890) must not cost
    // the record: read such numbers as text instead.
    size_t count = QuoteJsonNumbers(bytes, &quoted);
    if (count > 0 && !parser.parse(quoted.data(), quoted.size()).get(root)) {
      err = simdjson::SUCCESS;
      doc->notes.push_back("a number too large to represent: the line's " +
                           std::to_string(count) + " number(s) read as text");
    }
  }
  if (err) {
    // Only a structure left open suggests a cut line; say so then alone.
    bool cut = err == simdjson::UNCLOSED_STRING || err == simdjson::TAPE_ERROR ||
               err == simdjson::INCOMPLETE_ARRAY_OR_OBJECT;
    return Status::InvalidInput(std::string("invalid JSON (") + simdjson::error_message(err) +
                                    (cut ? "); is the line truncated?" : ")"),
                                item.origin);
  }
  simdjson::dom::object obj;
  if (root.get_object().get(obj))
    return Status::InvalidInput("not a JSON object", item.origin);
  DocumentMeta& m = doc->meta;
  GetString(obj, {"id", "_id", "doc_id"}, &m.external_id);
  GetString(obj, {"url", "link", "canonical_url"}, &m.url);
  GetString(obj, {"title", "headline"}, &m.title);
  GetString(obj, {"outlet", "source", "site", "site_name", "publisher"}, &m.outlet);
  GetString(obj, {"author", "byline"}, &m.author);
  GetString(obj, {"lang", "language"}, &m.lang);
  std::string published;
  if (GetString(obj, {"published", "date", "published_at", "datePublished", "pubDate"},
                &published)) {
    m.published = NormalizeDate(published);
    if (m.published.empty())
      doc->notes.push_back("unrecognised \"published\" value ignored: " +
                           std::string(TruncateUtf8(published, 64)));
  }
  std::string updated;
  if (GetString(obj, {"updated", "modified", "updated_at", "dateModified"}, &updated)) {
    m.updated = NormalizeDate(updated);
    if (m.updated.empty())
      doc->notes.push_back("unrecognised \"updated\" value ignored: " + updated.substr(0, 64));
  }
  std::string text, html;
  bool has_text = GetString(obj, {"text", "body", "content"}, &text);
  bool has_html = GetString(obj, {"html"}, &html);
  if (!has_text && !has_html)
    return Status::InvalidInput("missing \"text\" or \"html\"", item.origin);
  if (has_text) {
    VIGIL_RETURN_IF_ERROR(MakeUtf8Text(&text, item.origin, &doc->notes));
    AddTextBlocks(text, m.title, doc);
    if (!m.title.empty() &&
        (doc->blocks.empty() || doc->blocks[0].kind != BlockKind::kHeadline)) {
      // Keep the headline in the text so that it is searchable and its words
      // traceable: prepend it as the first block.
      Document with_title;
      std::string t = m.title;
      RepairUtf8(&t);
      NormalizeNfc(&t);
      with_title.AppendBlock(BlockKind::kHeadline, t);
      size_t shift = with_title.text.size() + (doc->text.empty() ? 0 : 2);
      if (!doc->text.empty()) with_title.text += "\n\n";
      with_title.text += doc->text;
      for (Block b : doc->blocks) {
        b.begin += static_cast<uint32_t>(shift);
        b.end += static_cast<uint32_t>(shift);
        with_title.blocks.push_back(b);
      }
      doc->text.swap(with_title.text);
      doc->blocks.swap(with_title.blocks);
    }
  } else {
    VIGIL_RETURN_IF_ERROR(ParseHtml(html, item.origin, "", doc));  // inside UTF-8 JSON
  }
  return Status::Ok();
}

// A line standing alone near the top that is only a date ("Dec. 5, 2025",
// "Published: November 3, 2025 10:15 a.m. EST"): copied text often keeps
// the date that way, without a metadata key. Returns the ISO date, or "".
std::string DateLineNearTop(const Document& doc) {
  constexpr size_t kBlocksLooked = 4;
  for (size_t b = 0; b < doc.blocks.size() && b < kBlocksLooked; ++b) {
    std::string_view line =
        TrimSpace(std::string_view(doc.text).substr(doc.blocks[b].begin,
                                                    doc.blocks[b].end - doc.blocks[b].begin));
    if (line.size() > 64) continue;
    for (std::string_view label : {"Published", "Updated", "Posted", "Publicado", "Actualizado"}) {
      if (line.size() > label.size() && line.substr(0, label.size()) == label) {
        line.remove_prefix(label.size());
        if (!line.empty() && line.front() == ':') line.remove_prefix(1);
        line = TrimSpace(line);
        break;
      }
    }
    size_t used = 0;
    std::string iso = DateAtStart(line, &used);
    if (iso.empty()) continue;
    // Whatever follows may only be a time of day: "10:15 a.m. EST", "| 3:02 PM".
    bool time_only = true;
    for (char c : line.substr(used))
      if (!(std::isdigit(static_cast<unsigned char>(c)) || c == ':' || c == ' ' || c == '.' ||
            c == '|' || c == '-' || c == '(' || c == ')' ||
            std::string_view("apmAPMESTCDUGHO").find(c) != std::string_view::npos))
        time_only = false;
    if (time_only) return iso;
  }
  return "";
}

}  // namespace

Result<Document> ParseRawItem(const RawItem& item, const ReadOptions& options) {
  Document doc;
  doc.origin = item.origin;
  doc.raw = item.bytes;
  if (doc.raw.empty())
    return Status::InvalidInput("empty file: no text", item.origin);
  if (item.kind == RawKind::kText) {
    VIGIL_RETURN_IF_ERROR(MakeUtf8Text(&doc.raw, item.origin, &doc.notes));
  } else if (item.kind == RawKind::kHtml) {
    // The HTML parser decodes the page's declared charset itself; only
    // refuse binary content here.
    std::string probe = doc.raw.substr(0, 1 << 16);
    std::vector<std::string> ignored;
    if (!DecodeUtf16(&probe)) {
      VIGIL_RETURN_IF_ERROR(MakeUtf8Text(&probe, item.origin, &ignored));
    }
  }
  Status s;
  switch (item.kind) {
    case RawKind::kText:
      s = ParseText(item, &doc);
      break;
    case RawKind::kHtml:
      doc.format = SourceFormat::kHtml;
      s = ParseHtml(doc.raw, item.origin, item.charset, &doc);
      break;
    case RawKind::kJsonLine:
      s = ParseJsonLine(item, &doc);
      break;
  }
  VIGIL_RETURN_IF_ERROR(s);
  if (doc.text.empty())
    return Status::InvalidInput("no text found (empty document)", item.origin);

  if (!options.published.empty()) {
    std::string p = NormalizeDate(options.published);
    doc.meta.published = p.empty() ? options.published : p;
  }
  if (!options.outlet.empty()) doc.meta.outlet = options.outlet;
  if (!options.url.empty()) doc.meta.url = options.url;
  const DocumentMeta& fb = item.fallback;
  if (doc.meta.url.empty()) doc.meta.url = fb.url;
  if (doc.meta.title.empty()) doc.meta.title = fb.title;
  if (doc.meta.author.empty()) doc.meta.author = fb.author;
  if (doc.meta.lang.empty()) doc.meta.lang = fb.lang;
  if (doc.meta.outlet.empty()) doc.meta.outlet = fb.outlet;
  if (doc.meta.published.empty() && !fb.published.empty()) {
    std::string p = NormalizeDate(fb.published);
    doc.meta.published = p.empty() ? fb.published : p;
  }
  if (doc.meta.outlet.empty()) doc.meta.outlet = DomainOf(doc.meta.url);
  if (doc.meta.published.empty()) {
    doc.meta.published = DateLineNearTop(doc);
    if (!doc.meta.published.empty())
      doc.notes.push_back("publication date " + doc.meta.published +
                          " read from a date line near the top of the text");
  }

  bool reliable = false;
  doc.language = DetectLanguage(doc.text, &reliable);
  doc.language_reliable = reliable;
  if (doc.language == "un" && !doc.meta.lang.empty()) {
    std::string declared = doc.meta.lang.substr(0, doc.meta.lang.find_first_of("-_"));
    for (char& c : declared) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    doc.language = declared;
  }
  return doc;
}

}  // namespace vigil
