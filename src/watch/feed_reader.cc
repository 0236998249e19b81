// ParseFeed: RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and JSON Feed 1.x documents to
// a Feed.
//
// XML safety and recovery. Feeds are outside bytes and often not
// well-formed. Before libxml2 sees them, every reference is resolved by
// ResolveReferences: character references and the predefined and HTML named
// entities (&nbsp;, &mdash;, which feeds use without declaring them) become
// their characters, a bare '&' ("AT&T", "Q&A") stays a '&', and any other
// entity reference becomes nothing. libxml2 then parses with no network
// (XML_PARSE_NONET), no DTD loading, no entity substitution and a SAX entity
// lookup that knows only the predefined entities: a declared entity (billion
// laughs, or an external one naming a file or URL) is never expanded or
// fetched. Invalid UTF-8 in a feed that declares UTF-8 (or nothing) is
// replaced with U+FFFD. Repairs are reported in Feed::notes; libxml2's
// recovery mode keeps what it can of the rest.

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <curl/curl.h>

#include <cctype>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "base/utf8.h"
#include "vigil/source.h"
#include "vigil/watch.h"

namespace vigil {

namespace {

// Items beyond this many are ignored (a feed is a window on recent items).
constexpr size_t kMaxItems = 5000;

bool IsNameStart(unsigned char c) { return std::isalpha(c) || c == '_' || c == ':'; }
bool IsNameChar(unsigned char c) {
  return std::isalnum(c) || c == '_' || c == ':' || c == '.' || c == '-';
}

// Length of the entity or character reference starting at s[i] == '&'
// ("&amp;", "&#38;", "&#x26;"), or 0 when the '&' starts none.
size_t ReferenceLength(std::string_view s, size_t i) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '#') {
    ++j;
    bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    size_t digits = j;
    while (j < s.size() && (hex ? std::isxdigit(static_cast<unsigned char>(s[j]))
                                : std::isdigit(static_cast<unsigned char>(s[j]))))
      ++j;
    if (j == digits || j >= s.size() || s[j] != ';') return 0;
    return j + 1 - i;
  }
  if (j >= s.size() || !IsNameStart(static_cast<unsigned char>(s[j]))) return 0;
  while (j < s.size() && j - i < 64 && IsNameChar(static_cast<unsigned char>(s[j]))) ++j;
  if (j >= s.size() || s[j] != ';') return 0;
  return j + 1 - i;
}

// Appends code point |cp| as a numeric character reference: libxml2 keeps
// those even after a parse error (its recovery drops every later named
// reference, &amp; included), they need no stand-in for '&' or '<', and
// they mean the same character whatever the document's encoding.
void AppendReferenced(char32_t cp, std::string* out) {
  bool valid = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
               (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
  char buf[16];
  std::snprintf(buf, sizeof(buf), "&#x%X;", static_cast<unsigned>(valid ? cp : 0xFFFD));
  out->append(buf);
}

// Rewrites every reference in |in| before libxml2 sees it (outside CDATA
// sections and comments, where '&' is literal): character references and
// the predefined and HTML named entities become numeric character
// references, any other entity reference becomes nothing, and a '&' that
// starts no reference becomes "&#x26;". libxml2 is thus never asked to expand
// an entity: a declared one (billion laughs, external) cannot be expanded,
// and one parse error cannot make it drop every later reference. Returns the
// number of bare '&' found.
size_t ResolveReferences(std::string_view in, std::string* out) {
  size_t bare = 0;
  out->clear();
  out->reserve(in.size() + 16);
  size_t i = 0;
  while (i < in.size()) {
    char c = in[i];
    if (c == '<') {
      std::string_view close;
      if (in.compare(i, 9, "<![CDATA[") == 0) close = "]]>";
      else if (in.compare(i, 4, "<!--") == 0) close = "-->";
      if (!close.empty()) {
        size_t end = in.find(close, i);
        end = end == std::string_view::npos ? in.size() : end + close.size();
        out->append(in.substr(i, end - i));
        i = end;
        continue;
      }
    }
    if (c != '&') {
      out->push_back(c);
      ++i;
      continue;
    }
    size_t len = ReferenceLength(in, i);
    if (len == 0) {
      AppendReferenced('&', out);
      ++bare;
      ++i;
      continue;
    }
    std::string_view ref = in.substr(i + 1, len - 2);
    i += len;
    if (ref[0] == '#') {
      bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
      std::string_view digits = ref.substr(hex ? 2 : 1);
      uint32_t cp = 0;
      for (char d : digits) {
        uint32_t v = std::isdigit(static_cast<unsigned char>(d))
                         ? d - '0'
                         : (std::tolower(static_cast<unsigned char>(d)) - 'a' + 10);
        cp = cp * (hex ? 16 : 10) + v;
        if (cp > 0x10FFFF) break;
      }
      AppendReferenced(cp > 0x10FFFF ? 0xFFFD : cp, out);
      continue;
    }
    std::string name(ref);
    if (name == "amp") AppendReferenced('&', out);
    else if (name == "lt") AppendReferenced('<', out);
    else if (name == "gt") AppendReferenced('>', out);
    else if (name == "quot") AppendReferenced('"', out);
    else if (name == "apos") AppendReferenced('\'', out);
    else if (const htmlEntityDesc* e =
                 htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str())))
      AppendReferenced(e->value, out);
    // Any other name (declared in a DTD, or unknown) is dropped.
  }
  return bare;
}

// The encoding named in the XML declaration, lower case ("" when none).
std::string DeclaredEncoding(std::string_view s) {
  if (s.substr(0, 5) != "<?xml") return "";
  size_t end = s.find("?>");
  if (end == std::string_view::npos) return "";
  std::string_view decl = s.substr(0, end);
  size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  size_t q = decl.find_first_of("\"'", at);
  if (q == std::string_view::npos) return "";
  size_t q2 = decl.find(decl[q], q + 1);
  if (q2 == std::string_view::npos) return "";
  std::string enc(decl.substr(q + 1, q2 - q - 1));
  for (char& ch : enc) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return enc;
}

// Only the predefined entities resolve; see the file comment.
xmlEntityPtr PredefinedEntityOnly(void* /*ctx*/, const xmlChar* name) {
  return xmlGetPredefinedEntity(name);
}
xmlParserInputPtr NoExternalEntity(void* /*ctx*/, const xmlChar* /*public_id*/,
                                   const xmlChar* /*system_id*/) {
  return nullptr;
}

std::string_view Name(const xmlNode* n) {
  return n->name ? reinterpret_cast<const char*>(n->name) : "";
}
std::string_view NsHref(const xmlNode* n) {
  return n->ns && n->ns->href ? reinterpret_cast<const char*>(n->ns->href) : "";
}

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

bool Is(const xmlNode* n, std::string_view name) {
  return n->type == XML_ELEMENT_NODE && Name(n) == name;
}

// Appends the text inside |n|: text and CDATA, HTML named characters for
// entity references, nothing for any other reference.
void CollectText(const xmlNode* n, std::string* out, int depth = 0) {
  if (depth > 64) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    switch (c->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (c->content) out->append(reinterpret_cast<const char*>(c->content));
        break;
      case XML_ENTITY_REF_NODE: {
        const htmlEntityDesc* e = htmlEntityLookup(c->name);
        if (e) AppendUtf8(static_cast<char32_t>(e->value), out);
        break;
      }
      case XML_ELEMENT_NODE:
        CollectText(c, out, depth + 1);
        break;
      default:
        break;
    }
  }
}

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Whether |s| (starting with '<') starts an HTML tag, comment or
// declaration rather than text such as "<Venezuela>" or "a < b".
bool LooksLikeTag(std::string_view s) {
  static const char* const kTags[] = {
      "a", "abbr", "article", "aside", "audio", "b", "blockquote", "br", "caption", "center",
      "cite", "code", "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure", "font",
      "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "iframe", "img",
      "ins", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "section", "small",
      "source", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
      "thead", "time", "tr", "u", "ul", "video"};
  size_t i = 1;
  if (i < s.size() && (s[i] == '!' || s[i] == '?')) return true;
  if (i < s.size() && s[i] == '/') ++i;
  size_t begin = i;
  while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
  if (i == begin || i - begin > 10) return false;
  if (i < s.size() && !(s[i] == '>' || s[i] == '/' || std::isspace(static_cast<unsigned char>(s[i]))))
    return false;
  std::string name(s.substr(begin, i - begin));
  for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const char* t : kTags)
    if (name == t) return true;
  return false;
}

// Plain text of an HTML fragment (an RSS description, an Atom summary of
// type "html"): tags dropped, references decoded, whitespace collapsed.
// Block-level tags become spaces so that words do not run together.
std::string HtmlFragmentText(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<' && LooksLikeTag(html.substr(i))) {
      size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      out.push_back(' ');
      i = end + 1;
      continue;
    }
    if (c == '&') {
      size_t len = ReferenceLength(html, i);
      if (len > 0) {
        std::string_view ref = html.substr(i + 1, len - 2);
        char32_t cp = 0;
        if (ref[0] == '#') {
          bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
          std::string digits(ref.substr(hex ? 2 : 1));
          if (digits.size() <= 7) cp = static_cast<char32_t>(std::stoul(digits, nullptr, hex ? 16 : 10));
        } else {
          std::string name(ref);
          const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
          if (e) cp = e->value;
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        AppendUtf8(cp, &out);
        i += len;
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  return CollapseSpace(out);
}

std::string TextOf(const xmlNode* n) {
  std::string s;
  CollectText(n, &s);
  return CollapseSpace(s);
}

// Text of an element that may hold escaped HTML (RSS titles and
// descriptions; Atom text constructs of type "html").
std::string MarkupTextOf(const xmlNode* n) {
  std::string s;
  CollectText(n, &s);
  if (s.find('<') == std::string::npos && s.find('&') == std::string::npos)
    return CollapseSpace(s);
  return HtmlFragmentText(s);
}

// Resolves |ref| against |base|; returns |ref| unchanged when either is not
// a URL curl can parse, and "" for schemes other than http and https.
std::string ResolveUrl(std::string_view base, std::string_view ref) {
  std::string r = CollapseSpace(ref);
  if (r.empty()) return r;
  std::string out = r;
  CURLU* u = curl_url();
  if (u) {
    std::string b(base);
    if (!b.empty()) curl_url_set(u, CURLUPART_URL, b.c_str(), CURLU_NON_SUPPORT_SCHEME);
    if (curl_url_set(u, CURLUPART_URL, r.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
      char* full = nullptr;
      if (curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK && full) out = full;
      curl_free(full);
    }
    curl_url_cleanup(u);
  }
  std::string lower = out.substr(0, 8);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.rfind("http://", 0) != 0 && lower.rfind("https://", 0) != 0) return "";
  return out;
}

std::string BaseOf(const xmlDoc* doc, const xmlNode* n, std::string_view url) {
  xmlChar* b = xmlNodeGetBase(doc, n);
  if (!b) return std::string(url);
  std::string base = ResolveUrl(url, reinterpret_cast<const char*>(b));
  xmlFree(b);
  return base.empty() ? std::string(url) : base;
}

void SetDate(const std::string& raw, std::string* out) {
  if (!out->empty()) return;
  *out = NormalizeDate(CollapseSpace(raw));
}

FeedItem ReadRssItem(const xmlDoc* doc, const xmlNode* item, std::string_view url) {
  FeedItem it;
  std::string base = BaseOf(doc, item, url);
  bool guid_is_link = false;
  std::string guid_text;
  for (const xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view ns = NsHref(c);
    if (Is(c, "title") && ns.empty()) {
      it.title = MarkupTextOf(c);
    } else if (Is(c, "link") && (ns.empty() || ns == "http://purl.org/rss/1.0/")) {
      if (it.link.empty()) it.link = ResolveUrl(base, TextOf(c));
    } else if (Is(c, "link") && ns == kAtomNs) {
      std::string rel = Attr(c, "rel");
      if (it.link.empty() && (rel.empty() || rel == "alternate"))
        it.link = ResolveUrl(base, Attr(c, "href"));
    } else if (Is(c, "guid")) {
      guid_text = TextOf(c);
      std::string perma = Attr(c, "isPermaLink");
      guid_is_link = perma.empty() || perma == "true";
    } else if (Is(c, "description") && it.summary.empty()) {
      it.summary = MarkupTextOf(c);
    } else if (Is(c, "pubDate")) {
      SetDate(TextOf(c), &it.published);
    } else if (Is(c, "date") && ns == kDcNs) {
      SetDate(TextOf(c), &it.published);
    } else if ((Is(c, "creator") && ns == kDcNs) || (Is(c, "author") && ns.empty())) {
      if (it.author.empty()) it.author = TextOf(c);
    } else if (Is(c, "category") || (Is(c, "subject") && ns == kDcNs)) {
      std::string cat = TextOf(c);
      if (!cat.empty()) it.categories.push_back(cat);
    }
  }
  it.guid = guid_text;
  if (it.guid.empty()) {
    // RSS 1.0 items are named by rdf:about.
    xmlChar* about = xmlGetNsProp(item, reinterpret_cast<const xmlChar*>("about"),
                                  reinterpret_cast<const xmlChar*>(kRdfNs.data()));
    if (about) {
      it.guid = CollapseSpace(reinterpret_cast<const char*>(about));
      xmlFree(about);
    }
  }
  if (it.link.empty() && guid_is_link) it.link = ResolveUrl(base, guid_text);
  return it;
}

// The text of an Atom text construct (title, summary, content).
std::string AtomText(const xmlNode* n) {
  std::string type = Attr(n, "type");
  if (type == "html" || type == "text/html") return MarkupTextOf(n);
  return TextOf(n);  // "text" and "xhtml": the markup is elements already
}

FeedItem ReadAtomEntry(const xmlDoc* doc, const xmlNode* entry, std::string_view url) {
  FeedItem it;
  std::string alternate, any_link, updated;
  for (const xmlNode* c = entry->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || NsHref(c) != kAtomNs) {
      if (c->type == XML_ELEMENT_NODE && Is(c, "date") && NsHref(c) == kDcNs)
        SetDate(TextOf(c), &it.published);
      continue;
    }
    if (Is(c, "id")) {
      it.guid = TextOf(c);
    } else if (Is(c, "title")) {
      it.title = AtomText(c);
    } else if (Is(c, "link")) {
      std::string rel = Attr(c, "rel");
      std::string href = ResolveUrl(BaseOf(doc, c, url), Attr(c, "href"));
      if ((rel.empty() || rel == "alternate") && alternate.empty()) alternate = href;
      if (any_link.empty() && rel != "self" && rel != "enclosure") any_link = href;
    } else if (Is(c, "published")) {
      SetDate(TextOf(c), &it.published);
    } else if (Is(c, "updated")) {
      updated = TextOf(c);
    } else if (Is(c, "summary")) {
      it.summary = AtomText(c);
    } else if (Is(c, "content") && it.summary.empty()) {
      it.summary = AtomText(c);
    } else if (Is(c, "author") && it.author.empty()) {
      for (const xmlNode* a = c->children; a; a = a->next)
        if (Is(a, "name")) it.author = TextOf(a);
    } else if (Is(c, "category")) {
      std::string term = Attr(c, "label");
      if (term.empty()) term = Attr(c, "term");
      if (!term.empty()) it.categories.push_back(CollapseSpace(term));
    }
  }
  it.link = !alternate.empty() ? alternate : any_link;
  if (it.published.empty()) SetDate(updated, &it.published);
  return it;
}

// At most |max_bytes| of |s| for a message: never cut inside a character,
// invalid UTF-8 replaced (a name in an encoding libxml2 did not apply).
std::string Utf8Prefix(std::string_view s, size_t max_bytes) {
  std::string out(TruncateUtf8(s, max_bytes));
  RepairUtf8(&out);
  return out;
}

// Replaces invalid UTF-8 in every string of |feed| (returns how many
// sequences). libxml2 passes bytes through unconverted when it cannot apply
// the declared encoding (a malformed XML declaration naming ISO-8859-1, for
// one); the Feed still promises UTF-8.
size_t RepairFeedStrings(Feed* feed) {
  size_t n = 0;
  auto fix = [&n](std::string* s) { n += RepairUtf8(s); };
  fix(&feed->title);
  fix(&feed->link);
  fix(&feed->language);
  for (FeedItem& it : feed->items) {
    for (std::string* s : {&it.guid, &it.link, &it.title, &it.summary, &it.published, &it.author})
      fix(s);
    for (std::string& c : it.categories) fix(&c);
  }
  return n;
}

Result<Feed> ParseXmlFeed(std::string_view bytes, std::string_view url) {
  Feed feed;
  std::string text;
  size_t amps = ResolveReferences(bytes, &text);
  if (amps) feed.notes.push_back(std::to_string(amps) + " bare '&' read as text");
  std::string enc = DeclaredEncoding(text);
  if (enc.empty() || enc == "utf-8" || enc == "utf8") {
    size_t first_bad = 0;
    size_t repaired = RepairUtf8(&text, &first_bad);
    if (repaired)
      feed.notes.push_back("invalid UTF-8 at byte " + std::to_string(first_bad) + ": " +
                           std::to_string(repaired) + " sequence(s) replaced with U+FFFD");
  }

  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) return Status::Internal("feed: cannot create an XML parser", std::string(url));
  ctxt->sax->getEntity = PredefinedEntityOnly;
  ctxt->sax->resolveEntity = NoExternalEntity;
  ctxt->sax->externalSubset = nullptr;
  std::string base(url);
  xmlDocPtr doc = xmlCtxtReadMemory(
      ctxt, text.data(), static_cast<int>(text.size()), base.empty() ? nullptr : base.c_str(),
      nullptr, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  bool well_formed = ctxt->wellFormed;
  std::string first_error;
  if (const xmlError* e = xmlCtxtGetLastError(ctxt); e && e->message) {
    first_error = CollapseSpace(e->message);
    RepairUtf8(&first_error);  // libxml2 quotes input bytes (an encoding name)
    first_error += " (line " + std::to_string(e->line) + ")";
  }
  xmlFreeParserCtxt(ctxt);
  const xmlNode* root = doc ? xmlDocGetRootElement(doc) : nullptr;
  if (!root) {
    if (doc) xmlFreeDoc(doc);
    return Status::InvalidInput(
        "not a feed: malformed XML" + (first_error.empty() ? "" : ": " + first_error),
        std::string(url));
  }
  if (!well_formed)
    feed.notes.push_back("malformed XML recovered" +
                         (first_error.empty() ? "" : ": " + first_error));

  Status status;
  std::string_view root_name = Name(root);
  if (root_name == "rss" || (root_name == "RDF" && NsHref(root) == kRdfNs)) {
    feed.format = root_name == "rss" ? "rss" : "rdf";
    const xmlNode* channel = nullptr;
    for (const xmlNode* c = root->children; c; c = c->next)
      if (Is(c, "channel")) channel = c;
    auto read_items = [&](const xmlNode* parent) {
      for (const xmlNode* c = parent->children; c; c = c->next)
        if (Is(c, "item") && feed.items.size() < kMaxItems)
          feed.items.push_back(ReadRssItem(doc, c, url));
    };
    if (channel) {
      for (const xmlNode* c = channel->children; c; c = c->next) {
        if (Is(c, "title") && NsHref(c).empty()) feed.title = MarkupTextOf(c);
        else if (Is(c, "link") && NsHref(c) != kAtomNs && feed.link.empty())
          feed.link = ResolveUrl(url, TextOf(c));
        else if (Is(c, "language"))
          feed.language = TextOf(c);
      }
      read_items(channel);
    }
    if (feed.format == "rdf") read_items(root);
    if (!channel && feed.format == "rss")
      status = Status::InvalidInput("RSS without a <channel>", std::string(url));
  } else if (root_name == "feed" && NsHref(root) == kAtomNs) {
    feed.format = "atom";
    xmlChar* lang = xmlNodeGetLang(root);
    if (lang) {
      feed.language = reinterpret_cast<const char*>(lang);
      xmlFree(lang);
    }
    for (const xmlNode* c = root->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || NsHref(c) != kAtomNs) continue;
      if (Is(c, "title")) {
        feed.title = AtomText(c);
      } else if (Is(c, "link")) {
        std::string rel = Attr(c, "rel");
        if ((rel.empty() || rel == "alternate") && feed.link.empty())
          feed.link = ResolveUrl(BaseOf(doc, c, url), Attr(c, "href"));
      } else if (Is(c, "entry") && feed.items.size() < kMaxItems) {
        feed.items.push_back(ReadAtomEntry(doc, c, url));
      }
    }
  } else if (root_name == "html" || root_name == "HTML") {
    status = Status::InvalidInput("not a feed: an HTML page", std::string(url));
  } else {
    status = Status::InvalidInput(
        "not a feed: root element <" + Utf8Prefix(root_name, 40) + ">",
        std::string(url));
  }
  xmlFreeDoc(doc);
  if (!status.ok()) return status;
  if (size_t n = RepairFeedStrings(&feed))
    feed.notes.push_back("text not in its declared encoding: " + std::to_string(n) +
                         " sequence(s) replaced with U+FFFD");
  return feed;
}

// ---- JSON Feed ---------------------------------------------------------------

std::string JsonString(simdjson::dom::object obj, const char* key) {
  simdjson::dom::element e;
  if (obj.at_key(key).get(e)) return "";
  std::string_view sv;
  if (!e.get_string().get(sv)) return std::string(sv);
  int64_t i;
  if (!e.get_int64().get(i)) return std::to_string(i);
  uint64_t u;
  if (!e.get_uint64().get(u)) return std::to_string(u);
  return "";
}

Result<Feed> ParseJsonFeed(std::string_view bytes, std::string_view url) {
  Feed feed;
  feed.format = "json";
  std::string text(bytes);
  size_t first_bad = 0;
  if (size_t n = RepairUtf8(&text, &first_bad))
    feed.notes.push_back("invalid UTF-8 at byte " + std::to_string(first_bad) + ": " +
                         std::to_string(n) + " sequence(s) replaced with U+FFFD");
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  auto err = parser.parse(text).get(root);
  if (err)
    return Status::InvalidInput(
        std::string("not a feed: invalid JSON (") + simdjson::error_message(err) + ")",
        std::string(url));
  simdjson::dom::object obj;
  if (root.get_object().get(obj))
    return Status::InvalidInput("not a feed: JSON that is not an object", std::string(url));
  std::string version = JsonString(obj, "version");
  if (version.rfind("https://jsonfeed.org/version/", 0) != 0)
    return Status::InvalidInput("not a feed: JSON without a JSON Feed \"version\"",
                                std::string(url));
  feed.title = CollapseSpace(JsonString(obj, "title"));
  feed.link = ResolveUrl(url, JsonString(obj, "home_page_url"));
  feed.language = JsonString(obj, "language");
  simdjson::dom::array items;
  if (obj.at_key("items").get_array().get(items))
    return Status::InvalidInput("JSON Feed without an \"items\" array", std::string(url));
  for (simdjson::dom::element e : items) {
    if (feed.items.size() >= kMaxItems) break;
    simdjson::dom::object o;
    if (e.get_object().get(o)) {
      feed.notes.push_back("an item that is not an object was skipped");
      continue;
    }
    FeedItem it;
    it.guid = CollapseSpace(JsonString(o, "id"));
    it.link = ResolveUrl(url, JsonString(o, "url"));
    if (it.link.empty()) it.link = ResolveUrl(url, JsonString(o, "external_url"));
    it.title = CollapseSpace(JsonString(o, "title"));
    it.summary = CollapseSpace(JsonString(o, "summary"));
    if (it.summary.empty()) it.summary = CollapseSpace(JsonString(o, "content_text"));
    if (it.summary.empty()) it.summary = HtmlFragmentText(JsonString(o, "content_html"));
    SetDate(JsonString(o, "date_published"), &it.published);
    SetDate(JsonString(o, "date_modified"), &it.published);
    simdjson::dom::array authors;
    simdjson::dom::object author;
    if (!o.at_key("authors").get_array().get(authors)) {
      for (simdjson::dom::element a : authors) {
        if (!a.get_object().get(author)) {
          it.author = CollapseSpace(JsonString(author, "name"));
          break;
        }
      }
    } else if (!o.at_key("author").get_object().get(author)) {
      it.author = CollapseSpace(JsonString(author, "name"));
    }
    simdjson::dom::array tags;
    if (!o.at_key("tags").get_array().get(tags)) {
      for (simdjson::dom::element t : tags) {
        std::string_view sv;
        if (!t.get_string().get(sv) && !sv.empty()) it.categories.push_back(CollapseSpace(sv));
      }
    }
    feed.items.push_back(std::move(it));
  }
  return feed;
}

}  // namespace

Result<Feed> ParseFeed(std::string_view bytes, std::string_view url) {
  static std::once_flag xml_init;
  std::call_once(xml_init, [] { xmlInitParser(); });
  std::string_view s = bytes;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  if (start == s.size()) return Status::InvalidInput("not a feed: empty", std::string(url));
  if (s[start] == '{') return ParseJsonFeed(s.substr(start), url);
  if (s[start] == '<') {
    if (s.size() > (1u << 31) - 1)
      return Status::InvalidInput("feed too large", std::string(url));
    return ParseXmlFeed(s.substr(start), url);
  }
  return Status::InvalidInput("not a feed: neither XML nor JSON", std::string(url));
}

}  // namespace vigil
