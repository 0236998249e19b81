// ReadHtmlArticle: the article of a news page, as metadata and text blocks.
//
// How it works, in five passes over one libxml2 tree:
//
//  1. Parse. Script, style and svg bodies and comments are cut first, by a
//     scan that follows libxml2's tokenising rules (see CutRawText; a
//     differential test holds it to giving the same result): on news pages
//     they are often most of the bytes. libxml2's HTML parser then recovers
//     from bad markup and converts the declared charset to UTF-8. Errors go
//     to a no-op handler installed on the parser context (never to stderr,
//     no global state). Nesting is capped at kMaxDepth elements: deeper,
//     libxml2 stops and we keep what was read. (Its own cap is 256, which
//     cuts real pages with unclosed tags short; it cannot be lifted entirely
//     because closing tags that match nothing cost the parser time
//     proportional to the depth.)
//  2. Survey (one pre-order walk). Every element gets a NodeInfo, indexed in
//     document order and reached from the node through xmlNode::_private.
//     Metadata (meta, link, title, JSON-LD, h1, time, bylines) is collected,
//     text is counted (non-space bytes, inside and outside links) on the
//     element that holds it, and each element gets a reason to be dropped,
//     if any: by tag (script, nav, aside, ...), by class/id/role words
//     (nav, related, newsletter, cookie, ...), by being hidden.
//  3. Drop and count. Drops are settled top-down (a class match on <article>,
//     <main>, <body> or on a wrapper holding most of the page's text is
//     ignored), then text counts are summed bottom-up over what is kept.
//  4. Choose the container. Paragraphs (blocks with 25+ bytes of non-link
//     text) credit their ancestors as in Arc90's Readability; the best
//     candidate's score is discounted by its link density. An <article>,
//     [itemprop=articleBody], <main> or role=main that holds at least 40% of
//     the candidate's paragraph text is preferred, its <article> wrapper
//     preferred to an inner body so that captions in the header come along.
//     A plain candidate takes in siblings that score nearly as well.
//  5. Write blocks. The headline (h1, else og:title), the standfirst (a dek
//     or summary element before the first paragraph, else the meta
//     description unless it repeats the first paragraph), then the
//     container's blocks. Link-dense elements and blocks, link lists, and
//     paragraphs that are boilerplate by their words ("Read more: ...",
//     "Advertisement", "Sign up for our newsletter") are dropped. Inside a
//     block whitespace collapses; <br> is a space (a newline in list items
//     and <pre>), and <br><br> ends a paragraph, as div-soup pages use it.
//
// Every walk is iterative (pointer chasing or an explicit stack), so depth
// costs no C++ stack; every pass is linear in the size of the tree.

#include "source/html_reader.h"

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/utf8.h"
#include "vigil/source.h"

namespace vigil {
namespace {

// Deeper elements stop the parse (see the file comment).
constexpr int kMaxDepth = 1024;
// Pages above this size are refused rather than parsed.
constexpr size_t kMaxInputBytes = 256u << 20;
// A block of text needs this much non-link text to count as a paragraph.
constexpr uint32_t kMinParagraphBytes = 25;
constexpr uint32_t kNone = UINT32_MAX;

// ---------------------------------------------------------------------------
// Small string helpers.

std::string_view View(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

void AssignLower(std::string_view s, std::string* out) {
  out->resize(s.size());
  for (size_t i = 0; i < s.size(); ++i) (*out)[i] = LowerAscii(s[i]);
}

std::string Lower(std::string_view s) {
  std::string out;
  AssignLower(s, &out);
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// Equal ignoring ASCII case.
bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  return true;
}

// Counts the bytes that are not ASCII whitespace.
uint32_t CountVisible(std::string_view s, uint32_t* commas) {
  uint32_t n = 0;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    n += !IsAsciiSpace(u);
    *commas += (c == ',');
  }
  return n;
}

// Appends text with whitespace collapsed: runs of ASCII whitespace and NBSP
// become one space (or one newline when a line break was asked for), and no
// space is written at the start or end.
class TextSink {
 public:
  void Append(std::string_view s, bool in_link, bool preformatted) {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
      unsigned char c = p[i];
      if (IsAsciiSpace(c)) {
        Pending(preformatted && c == '\n' ? kNewline : kSpace);
        ++i;
        continue;
      }
      if (c == 0xC2 && i + 1 < n && p[i + 1] == 0xA0) {  // NBSP
        Pending(kSpace);
        i += 2;
        continue;
      }
      // A run of visible bytes, appended at once.
      size_t j = i + 1;
      for (; j < n; ++j) {
        unsigned char d = p[j];
        if (d <= ' ' ? IsAsciiSpace(d) : (d == 0xC2 && j + 1 < n && p[j + 1] == 0xA0)) break;
      }
      if (pending_ != kNothing && !text_.empty())
        text_.push_back(pending_ == kNewline ? '\n' : ' ');
      pending_ = kNothing;
      text_.append(reinterpret_cast<const char*>(p + i), j - i);
      uint32_t run = static_cast<uint32_t>(j - i);
      visible_ += run;
      if (in_link) link_visible_ += run;
      breaks_ = 0;
      i = j;
    }
  }
  void Space() { Pending(kSpace); }
  void Newline() { Pending(kNewline); }
  // Records a <br>; returns the number of <br>s since the last visible text.
  int Break() { return ++breaks_; }

  bool empty() const { return text_.empty(); }
  size_t size() const { return text_.size(); }
  uint32_t visible() const { return visible_; }
  uint32_t link_visible() const { return link_visible_; }
  std::string& text() { return text_; }
  void Clear() {
    text_.clear();
    pending_ = kNothing;
    visible_ = link_visible_ = 0;
    breaks_ = 0;
  }

 private:
  enum PendingGap : uint8_t { kNothing = 0, kSpace = 1, kNewline = 2 };
  void Pending(PendingGap g) {
    if (g > pending_) pending_ = g;
  }
  std::string text_;
  PendingGap pending_ = kNothing;
  uint32_t visible_ = 0;
  uint32_t link_visible_ = 0;
  int breaks_ = 0;
};

// Shortens |s| to at most |max_bytes|, at a UTF-8 character boundary and
// without trailing space, so that the result does not depend on how the
// text was split into nodes.
std::string CutToSize(std::string s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  while (end > 0 && IsAsciiSpace(static_cast<unsigned char>(s[end - 1]))) --end;
  s.resize(end);
  return s;
}

std::string CollapseSpace(std::string_view s) {
  TextSink sink;
  sink.Append(s, false, false);
  return std::move(sink.text());
}

// ---------------------------------------------------------------------------
// Tags.

enum class Tag : uint8_t {
  kOther,  // unknown: inline
  kCustom, // custom element (name with '-'): block
  kInline,
  kHtml, kHead, kBody, kTitle, kMeta, kLink, kScript, kStyle,
  kSkip,   // never content: noscript, template, iframe, svg, form controls ...
  kForm, kNav, kAside, kHeader, kFooter, kDialog,
  kArticle, kMain, kSection, kDiv, kBlock,  // kBlock: other block elements
  kP, kPre, kBlockquote, kH1, kHeading,
  kUl, kOl, kLi, kDl, kDt, kDd, kMenu,
  kFigure, kFigcaption, kTable, kCaption, kTr, kCell,
  kBr, kHr, kA, kTime, kImg,
};

Tag TagOf(const xmlChar* name) {
  static const auto* kTags = new std::unordered_map<std::string_view, Tag>{
      {"html", Tag::kHtml}, {"head", Tag::kHead}, {"body", Tag::kBody},
      {"title", Tag::kTitle}, {"meta", Tag::kMeta}, {"link", Tag::kLink},
      {"script", Tag::kScript}, {"style", Tag::kStyle},
      {"noscript", Tag::kSkip}, {"template", Tag::kSkip}, {"iframe", Tag::kSkip},
      {"svg", Tag::kSkip}, {"math", Tag::kSkip}, {"object", Tag::kSkip},
      {"embed", Tag::kSkip}, {"canvas", Tag::kSkip}, {"video", Tag::kSkip},
      {"audio", Tag::kSkip}, {"select", Tag::kSkip}, {"textarea", Tag::kSkip},
      {"input", Tag::kSkip}, {"button", Tag::kSkip}, {"option", Tag::kSkip},
      {"frameset", Tag::kSkip}, {"frame", Tag::kSkip}, {"applet", Tag::kSkip},
      {"map", Tag::kSkip}, {"datalist", Tag::kSkip}, {"source", Tag::kSkip},
      {"track", Tag::kSkip}, {"param", Tag::kSkip}, {"base", Tag::kSkip},
      {"form", Tag::kForm}, {"nav", Tag::kNav}, {"aside", Tag::kAside},
      {"header", Tag::kHeader}, {"footer", Tag::kFooter}, {"dialog", Tag::kDialog},
      {"article", Tag::kArticle}, {"main", Tag::kMain}, {"section", Tag::kSection},
      {"div", Tag::kDiv},
      {"address", Tag::kBlock}, {"center", Tag::kBlock}, {"details", Tag::kBlock},
      {"summary", Tag::kBlock}, {"fieldset", Tag::kBlock}, {"legend", Tag::kBlock},
      {"hgroup", Tag::kBlock}, {"thead", Tag::kBlock}, {"tbody", Tag::kBlock},
      {"tfoot", Tag::kBlock}, {"dir", Tag::kBlock}, {"listing", Tag::kBlock},
      {"xmp", Tag::kBlock}, {"plaintext", Tag::kBlock}, {"picture", Tag::kInline},
      {"p", Tag::kP}, {"pre", Tag::kPre}, {"blockquote", Tag::kBlockquote},
      {"h1", Tag::kH1}, {"h2", Tag::kHeading}, {"h3", Tag::kHeading},
      {"h4", Tag::kHeading}, {"h5", Tag::kHeading}, {"h6", Tag::kHeading},
      {"ul", Tag::kUl}, {"ol", Tag::kOl}, {"li", Tag::kLi}, {"dl", Tag::kDl},
      {"dt", Tag::kDt}, {"dd", Tag::kDd}, {"menu", Tag::kMenu},
      {"figure", Tag::kFigure}, {"figcaption", Tag::kFigcaption},
      {"table", Tag::kTable}, {"caption", Tag::kCaption}, {"tr", Tag::kTr},
      {"td", Tag::kCell}, {"th", Tag::kCell},
      {"br", Tag::kBr}, {"hr", Tag::kHr}, {"a", Tag::kA}, {"time", Tag::kTime},
      {"img", Tag::kImg},
      {"abbr", Tag::kInline}, {"b", Tag::kInline}, {"bdi", Tag::kInline},
      {"bdo", Tag::kInline}, {"big", Tag::kInline}, {"cite", Tag::kInline},
      {"code", Tag::kInline}, {"data", Tag::kInline}, {"del", Tag::kInline},
      {"dfn", Tag::kInline}, {"em", Tag::kInline}, {"font", Tag::kInline},
      {"i", Tag::kInline}, {"ins", Tag::kInline}, {"kbd", Tag::kInline},
      {"mark", Tag::kInline}, {"q", Tag::kInline}, {"s", Tag::kInline},
      {"samp", Tag::kInline}, {"small", Tag::kInline}, {"span", Tag::kInline},
      {"strike", Tag::kInline}, {"strong", Tag::kInline}, {"sub", Tag::kInline},
      {"sup", Tag::kInline}, {"tt", Tag::kInline}, {"u", Tag::kInline},
      {"var", Tag::kInline}, {"label", Tag::kInline}, {"nobr", Tag::kInline},
      {"wbr", Tag::kInline}, {"acronym", Tag::kInline}, {"output", Tag::kInline},
  };
  std::string_view n = View(name);
  auto it = kTags->find(n);
  if (it != kTags->end()) return it->second;
  return n.find('-') != std::string_view::npos ? Tag::kCustom : Tag::kOther;
}

bool IsInline(Tag t) {
  return t == Tag::kOther || t == Tag::kInline || t == Tag::kA || t == Tag::kTime ||
         t == Tag::kImg || t == Tag::kBr;
}

// Paragraph-like elements credit their parent; other blocks holding text
// directly (div soup) credit themselves.
bool IsParagraphTag(Tag t) {
  return t == Tag::kP || t == Tag::kPre || t == Tag::kBlockquote || t == Tag::kHeading ||
         t == Tag::kLi || t == Tag::kDd;
}

// ---------------------------------------------------------------------------
// Class, id and role words.

enum class Signal : uint8_t { kNone, kWeak, kStrong, kComments };

bool IsWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Returns how strongly the lowercased class and id words |s| mark an
// element as boilerplate.
Signal ClassSignal(std::string_view s) {
  static const auto* kStrong = new std::unordered_map<std::string_view, bool>{
      {"nav", true}, {"navbar", true}, {"navigation", true}, {"subnav", true},
      {"menu", true}, {"menubar", true}, {"footer", true}, {"related", true},
      {"recommended", true}, {"recommendations", true}, {"newsletter", true},
      {"newsletters", true}, {"subscribe", true}, {"subscription", true},
      {"signup", true}, {"promo", true}, {"promos", true}, {"promoted", true},
      {"ad", true}, {"ads", true}, {"adv", true}, {"adslot", true}, {"adunit", true},
      {"adbox", true}, {"adcontainer", true}, {"adwrapper", true}, {"dfp", true},
      {"social", true}, {"share", true}, {"shares", true}, {"sharing", true},
      {"sharebar", true}, {"cookie", true}, {"cookies", true}, {"consent", true},
      {"gdpr", true}, {"breadcrumb", true}, {"breadcrumbs", true},
      {"sidebar", true}, {"sponsored", true}, {"sponsor", true},
      {"outbrain", true}, {"taboola", true}, {"trending", true}, {"popular", true},
      {"paywall", true}, {"skiplink", true}, {"masthead", true}, {"toolbar", true},
      {"pagination", true}, {"pager", true}, {"popup", true}, {"modal", true},
  };
  static const auto* kWeak = new std::unordered_map<std::string_view, bool>{
      {"widget", true}, {"tags", true}, {"tag", true}, {"byline", true},
      {"author", true}, {"authors", true}, {"timestamp", true}, {"skip", true},
      {"overlay", true}, {"meta", true}, {"banner", true},
  };
  static const auto* kComments = new std::unordered_map<std::string_view, bool>{
      {"comment", true}, {"comments", true}, {"commentlist", true},
      {"discussion", true}, {"disqus", true}, {"replies", true},
  };
  static const char* const kStrongParts[] = {
      "advert", "newsletter", "breadcrumb", "cookie", "consent", "subscribe",
      "signup", "sign-up", "recommend", "related", "promo", "social", "sharing",
      "share-", "sharebar", "outbrain", "taboola", "sidebar", "paywall",
      "read-more", "readmore", "most-popular", "mostpopular", "most-read",
      "mostread", "video-player", "videoplayer", "more-stories", "morestories",
      "sr-only", "visually-hidden", "visuallyhidden", "screen-reader", "disqus",
      "recirc", "read-next", "readnext", "more-from", "more-news", "morenews", "up-next",
      "most-viewed", "mostviewed",
  };
  Signal result = Signal::kNone;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !IsWordChar(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && IsWordChar(s[i])) ++i;
    if (i == start) break;
    std::string_view w = s.substr(start, i - start);
    if (kComments->count(w)) return Signal::kComments;
    if (kStrong->count(w)) result = Signal::kStrong;
    else if (result == Signal::kNone && kWeak->count(w)) result = Signal::kWeak;
  }
  if (result != Signal::kStrong) {
    for (const char* part : kStrongParts)
      if (Contains(s, part)) return Signal::kStrong;
  }
  return result;
}

// What the words of one class or id attribute say about the element.
struct ClassFacts {
  Signal signal = Signal::kNone;
  bool positive = false;        // article words
  bool standfirst = false;      // dek words
  bool not_standfirst = false;  // caption/credit/image words veto a dek
  bool caption = false;
  bool credit = false;
  bool byline = false;
};

bool ClassIsPositive(std::string_view s);
bool ClassHasStandfirstWord(std::string_view s);
bool ClassVetoesStandfirst(std::string_view s);
bool HasSpaceToken(std::string_view s, std::string_view token);

ClassFacts AnalyzeClass(std::string_view value) {
  std::string s = Lower(value);
  ClassFacts f;
  f.signal = ClassSignal(s);
  f.positive = ClassIsPositive(s);
  f.standfirst = ClassHasStandfirstWord(s);
  f.not_standfirst = ClassVetoesStandfirst(s);
  f.caption = Contains(s, "caption");
  f.credit = Contains(s, "credit");
  f.byline = HasSpaceToken(s, "byline") || HasSpaceToken(s, "author") ||
             HasSpaceToken(s, "author-name") || HasSpaceToken(s, "byline__name");
  return f;
}

// Words that mark the article itself; they excuse a weak boilerplate word.
bool ClassIsPositive(std::string_view s) {
  static const char* const kParts[] = {"article", "story", "content", "entry",
                                       "body", "main", "post", "text", "blog"};
  for (const char* part : kParts)
    if (Contains(s, part)) return true;
  return false;
}

bool ClassHasStandfirstWord(std::string_view s) {
  static const char* const kParts[] = {
      "standfirst", "subtitle", "sub-title", "subheadline", "sub-headline",
      "subhead", "summary", "description", "lede", "excerpt", "strapline",
      "intro", "deck", "dek"};
  bool hit = false;
  for (const char* part : kParts) {
    if (Contains(s, part)) {
      // "dek"/"deck"/"intro"/"lede" only as whole words.
      std::string_view p(part);
      if (p == "dek" || p == "deck" || p == "intro" || p == "lede") {
        size_t pos = 0;
        bool word = false;
        while ((pos = s.find(p, pos)) != std::string_view::npos) {
          bool left = pos == 0 || !IsWordChar(s[pos - 1]);
          bool right = pos + p.size() >= s.size() || !IsWordChar(s[pos + p.size()]);
          if (left && right) word = true;
          pos += p.size();
        }
        if (!word) continue;
      }
      hit = true;
      break;
    }
  }
  return hit;
}

bool ClassVetoesStandfirst(std::string_view s) {
  static const char* const kExclude[] = {"caption", "credit", "image", "photo",
                                         "media", "video", "author", "bio"};
  for (const char* part : kExclude)
    if (Contains(s, part)) return true;
  return false;
}

// Whether whitespace-separated |s| has the word |token|.
bool HasSpaceToken(std::string_view s, std::string_view token) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsAsciiSpace(static_cast<unsigned char>(s[i]))) ++i;
    size_t start = i;
    while (i < s.size() && !IsAsciiSpace(static_cast<unsigned char>(s[i]))) ++i;
    if (s.substr(start, i - start) == token) return true;
  }
  return false;
}

Signal RoleSignal(std::string_view role) {
  static const char* const kRoles[] = {"navigation", "banner", "contentinfo",
                                       "complementary", "search", "menu",
                                       "menubar", "dialog", "alertdialog", "toolbar"};
  for (const char* r : kRoles)
    if (role == r) return Signal::kStrong;
  return Signal::kNone;
}

// ---------------------------------------------------------------------------
// Boilerplate paragraphs, recognised by their words.

bool HasWordChar(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    } else if (c >= 0xC3 && c != 0xE2 && c < 0xF8) {
      return true;  // a letter beyond Latin-1 punctuation, or CJK etc.
    }
  }
  return false;
}

bool IsBoilerplateText(std::string_view text) {
  if (!HasWordChar(text)) return true;
  // Long paragraphs are only checked for a leading call to action.
  std::string t = Lower(text.substr(0, text.size() > 250 ? 40 : text.size()));
  // Whole-block labels.
  std::string_view core = t;
  while (!core.empty() && (core.back() == '.' || core.back() == ':' || core.back() == '!' ||
                           core.back() == ' ' || core.back() == '>' ||
                           core.back() == ')' || core.back() == ']'))
    core.remove_suffix(1);
  while (!core.empty() && (core.front() == '(' || core.front() == '[' || core.front() == ' '))
    core.remove_prefix(1);
  static constexpr std::string_view kLabels[] = {
      "advertisement", "advertisements", "ad", "ads", "sponsored",
      "sponsored content", "paid content", "related", "related articles",
      "related stories", "related content", "related coverage", "related news",
      "related topics", "related links", "related reading", "read more",
      "read more stories", "more stories", "more news", "more on this story",
      "most popular", "most read", "most viewed", "recommended",
      "recommended for you", "you may also like", "you might also like",
      "share", "share this", "share this article", "share this story",
      "share on facebook", "share on twitter", "tweet", "email", "print",
      "comments", "skip to content", "skip to main content", "skip advertisement",
      "continue reading", "continue reading below", "story continues below",
      "story continues below advertisement", "article continues below",
      "trending", "trending now", "top stories", "latest news", "follow us",
      "listen to this article", "publicidad", "anuncio", "notas relacionadas",
      "te puede interesar", "noticias relacionadas", "contenido patrocinado",
      "compartir", "ver más", "leer más", "más noticias",
  };
  if (text.size() <= 40)
    for (std::string_view label : kLabels)
      if (core == label) return true;
  // Prefixes of short calls to action.
  static constexpr std::string_view kPrefixes[] = {
      "read more:", "read more at", "read more about", "read more here",
      "read more from", "read also", "also read", "see also", "related:",
      "related articles", "related stories", "related coverage", "more:",
      "sign up", "subscribe to", "subscribe now", "subscribe for",
      "subscribe today", "click here", "follow us", "follow our",
      "download our app", "download the app", "copyright ©", "©",
      "lee tambi", "lea tambi", "te puede interesar", "suscr", "haz clic",
      "da clic", "síguenos", "sigue a", "puedes leer",
  };
  for (std::string_view prefix : kPrefixes)
    if (StartsWith(core, prefix)) return true;
  if (text.size() > 250) return false;
  if (t.size() <= 250) {
    if (Contains(t, "newsletter") &&
        (Contains(t, "sign up") || Contains(t, "subscribe") || Contains(t, "inbox") ||
         Contains(t, "get our") || Contains(t, "delivered")))
      return true;
    if (Contains(t, "cookie") &&
        (Contains(t, "accept") || Contains(t, "consent") || Contains(t, "we use") ||
         Contains(t, "uses cookies") || Contains(t, "this site uses")))
      return true;
    if (Contains(t, "javascript") && (Contains(t, "enable") || Contains(t, "browser")))
      return true;
    if (Contains(t, "click here") || Contains(t, "all rights reserved")) return true;
    if (Contains(t, "your browser does not support")) return true;
  }
  // A bare date line ("November 3, 2025") from a <time> in the header.
  if (text.size() <= 64 && !NormalizeDate(t).empty()) return true;
  // Bylines and time stamps that escaped the class rules.
  if (text.size() <= 80) {
    bool byline = StartsWith(core, "by ") || StartsWith(core, "por ");
    bool stamp = StartsWith(core, "published") || StartsWith(core, "updated") ||
                 StartsWith(core, "last updated") || StartsWith(core, "posted on") ||
                 StartsWith(core, "publicado") || StartsWith(core, "actualizado");
    bool sentence = !t.empty() && (t.back() == '.' || t.back() == '?' || t.back() == '!');
    int words = 1;
    for (char c : core) words += (c == ' ');
    if ((byline && !sentence && words <= 9) || (stamp && !sentence && words <= 10)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// The survey: one NodeInfo per element, in document order.

enum Flag : uint16_t {
  kInHead = 1 << 0,
  kInLink = 1 << 1,
  kInArticle = 1 << 2,    // inside article / main / articleBody / role=main
  kSemantic = 1 << 3,     // is one of those
  kPositive = 1 << 4,     // class words mark the article
  kStandfirstCls = 1 << 5,
  kCaptionCls = 1 << 6,
  kInFigure = 1 << 7,
  kDropped = 1 << 8,      // final: not content
  kScored = 1 << 9,       // a paragraph
  kHasScore = 1 << 10,    // a container candidate
};

enum class DropReason : uint8_t {
  kNone,
  kHard,      // never content: script, style, head, hidden ...
  kTag,       // nav, aside, header/footer outside the article, dialog
  kForm,      // <form>: dropped unless it wraps most of the page
  kStrong,    // class/id/role words
  kWeak,      // class/id words that positive words excuse
  kComments,  // comment sections: never excused by size
};

struct NodeInfo {
  xmlNode* node = nullptr;
  uint32_t parent = kNone;
  uint32_t end = 0;  // one past the last descendant's index
  Tag tag = Tag::kOther;
  DropReason drop = DropReason::kNone;
  uint16_t flags = 0;
  // Visible text held directly (in text-node children).
  uint32_t own_text = 0;
  uint32_t own_commas = 0;
  // Kept text of the subtree: outside and inside links.
  uint32_t text = 0;
  uint32_t link = 0;
  // Text of this element and its inline descendants (a paragraph's text).
  uint32_t inline_text = 0;
  uint32_t inline_link = 0;
  uint32_t inline_commas = 0;
  // Paragraph text (non-link) in the subtree.
  uint32_t ptext = 0;
  float score = 0;

  bool has(Flag f) const { return (flags & f) != 0; }
  bool dropped() const { return has(kDropped); }
  uint32_t all_text() const { return text + link; }
  double link_density() const {
    uint32_t all = text + link;
    return all == 0 ? 0.0 : static_cast<double>(link) / all;
  }
};

uint32_t InfoIndex(const xmlNode* n) {
  if (n == nullptr || n->type != XML_ELEMENT_NODE || n->_private == nullptr) return kNone;
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(n->_private) - 1);
}

// Visits the subtree under |root| in document order without recursion.
// |enter(element)| returns whether to visit the element's children; |exit|
// is called once for each element entered, after its children. |text| gets
// text and CDATA nodes.
template <typename Enter, typename Exit, typename Text>
void WalkTree(xmlNode* root, Enter&& enter, Exit&& exit, Text&& text) {
  xmlNode* n = root->children;
  while (n != nullptr) {
    if (n->type == XML_ELEMENT_NODE) {
      if (enter(n)) {
        if (n->children != nullptr) {
          n = n->children;
          continue;
        }
        exit(n);
      }
    } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      text(n);
    }
    while (n->next == nullptr) {
      n = n->parent;
      if (n == nullptr || n == root) return;
      exit(n);
    }
    n = n->next;
  }
}

// Returns the value of attribute |a| (libxml2 keeps it as one text child).
std::string_view AttrValue(const xmlAttr* a) {
  const xmlNode* c = a->children;
  if (c == nullptr) return {};
  if (c->type == XML_TEXT_NODE) return View(c->content);
  return {};
}

std::string_view GetAttr(const xmlNode* n, const char* name) {
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next)
    if (std::strcmp(reinterpret_cast<const char*>(a->name), name) == 0) return AttrValue(a);
  return {};
}

// Metadata as the page states it, before choosing among sources.
struct PageFacts {
  std::string lang;
  std::string title_tag;
  std::string canonical;
  // First value of each <meta> key we read (lowercased key).
  std::vector<std::pair<std::string, std::string>> metas;
  std::vector<xmlNode*> json_ld_nodes;  // <script type=application/ld+json>
  std::vector<uint32_t> h1s;
  std::vector<uint32_t> times;
  std::vector<uint32_t> bylines;  // itemprop=author, rel=author, .byline
  uint32_t date_published = kNone;  // itemprop=datePublished element

  const std::string* Meta(std::string_view key) const {
    for (const auto& [k, v] : metas)
      if (k == key && !v.empty()) return &v;
    return nullptr;
  }
};

bool IsInterestingMeta(std::string_view key) {
  static const char* const kKeys[] = {
      "og:title", "og:url", "og:site_name", "og:description", "og:locale",
      "description", "twitter:description", "author", "article:author",
      "article:published_time", "date", "pubdate", "publishdate", "publish-date",
      "publish_date", "dc.date", "dc.date.issued", "dcterms.date",
      "dcterms.created", "datepublished", "sailthru.date", "parsely-pub-date",
      "content-language", "twitter:title", "article:modified_time", "og:updated_time",
      "datemodified", "last-modified", "dcterms.modified",
  };
  for (const char* k : kKeys)
    if (key == k) return true;
  return false;
}

class Survey {
 public:
  Survey(std::vector<NodeInfo>* infos, PageFacts* facts) : infos_(*infos), facts_(*facts) {}

  void Run(xmlDoc* doc) {
    WalkTree(
        reinterpret_cast<xmlNode*>(doc), [this](xmlNode* n) { return Enter(n); },
        [this](xmlNode* n) {
          uint32_t i = InfoIndex(n);
          if (i != kNone) infos_[i].end = static_cast<uint32_t>(infos_.size());
        },
        [this](xmlNode* n) { Text(n); });
  }

 private:
  bool Enter(xmlNode* n) {
    uint32_t index = static_cast<uint32_t>(infos_.size());
    n->_private = reinterpret_cast<void*>(static_cast<uintptr_t>(index) + 1);
    infos_.emplace_back();
    NodeInfo& info = infos_.back();
    info.node = n;
    info.end = index + 1;
    info.parent = InfoIndex(n->parent);
    info.tag = TagOf(n->name);
    uint16_t inherited = 0;
    if (info.parent != kNone) {
      const NodeInfo& p = infos_[info.parent];
      inherited = p.flags & (kInHead | kInLink | kInArticle | kInFigure);
    }
    info.flags = inherited;
    const Tag tag = info.tag;

    std::string_view cls, id, role, itemprop, style, rel;
    bool hidden = false;
    for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
      std::string_view name = View(a->name);
      if (name == "class") cls = AttrValue(a);
      else if (name == "id") id = AttrValue(a);
      else if (name == "role") role = AttrValue(a);
      else if (name == "itemprop") itemprop = AttrValue(a);
      else if (name == "style") style = AttrValue(a);
      else if (name == "rel") rel = AttrValue(a);
      else if (name == "hidden") hidden = true;
      else if (name == "aria-hidden" && AttrValue(a) == "true" && tag != Tag::kImg) {
        // Decorative; screen readers skip it and so do we, but only for
        // small things: some sites hide whole regions this way by mistake.
        if (tag == Tag::kInline || tag == Tag::kSkip || tag == Tag::kOther) hidden = true;
      }
    }

    // Where we are.
    switch (tag) {
      case Tag::kHead: info.flags |= kInHead; break;
      case Tag::kA: info.flags |= kInLink; break;
      case Tag::kFigure: info.flags |= kInFigure; break;
      case Tag::kArticle:
      case Tag::kMain: info.flags |= kSemantic | kInArticle; break;
      default: break;
    }
    std::string role_lower = Lower(role);
    if (role_lower == "main" || role_lower == "article") info.flags |= kSemantic | kInArticle;
    std::string itemprop_lower = Lower(itemprop);
    if (Contains(itemprop_lower, "articlebody")) info.flags |= kSemantic | kInArticle;

    // Class and id words. Pages repeat their class names, so the analysis of
    // each distinct class value is kept for the rest of the page.
    ClassFacts facts;
    if (!cls.empty()) {
      auto it = class_cache_.find(cls);
      if (it == class_cache_.end()) it = class_cache_.emplace(cls, AnalyzeClass(cls)).first;
      facts = it->second;
    }
    if (!id.empty()) {
      ClassFacts of_id = AnalyzeClass(id);
      if (of_id.signal == Signal::kComments || facts.signal == Signal::kComments)
        facts.signal = Signal::kComments;
      else
        facts.signal = std::max(facts.signal, of_id.signal);
      facts.positive |= of_id.positive;
      facts.standfirst |= of_id.standfirst;
      facts.not_standfirst |= of_id.not_standfirst;
      facts.caption |= of_id.caption;
      facts.credit |= of_id.credit;
    }
    Signal signal = facts.signal;
    if (facts.positive) info.flags |= kPositive;
    if (facts.standfirst && !facts.not_standfirst) info.flags |= kStandfirstCls;
    if (facts.caption && !facts.credit) info.flags |= kCaptionCls;
    if (itemprop_lower == "description" || itemprop_lower == "alternativeheadline" ||
        itemprop_lower == "abstract")
      info.flags |= kStandfirstCls;
    if (itemprop_lower == "caption") info.flags |= kCaptionCls;
    Signal role_signal = RoleSignal(role_lower);
    if (role_signal != Signal::kNone) signal = role_signal;

    // Why it might not be content.
    bool descend = true;
    if (tag == Tag::kScript || tag == Tag::kStyle || tag == Tag::kSkip) {
      info.drop = DropReason::kHard;
      descend = false;
      if (tag == Tag::kScript) {
        std::string_view type = GetAttr(n, "type");
        if (Contains(Lower(type), "ld+json")) facts_.json_ld_nodes.push_back(n);
      }
    } else if (info.has(kInHead) || tag == Tag::kTitle || tag == Tag::kMeta ||
               tag == Tag::kLink || tag == Tag::kHead) {
      info.drop = DropReason::kHard;
    } else if (hidden || (!style.empty() && IsHiddenStyle(style))) {
      info.drop = DropReason::kHard;
    } else if (tag == Tag::kNav || tag == Tag::kAside || tag == Tag::kDialog) {
      info.drop = DropReason::kTag;
    } else if ((tag == Tag::kHeader || tag == Tag::kFooter) && !info.has(kInArticle)) {
      info.drop = DropReason::kTag;
    } else if (tag == Tag::kForm) {
      info.drop = DropReason::kForm;
    } else if (signal == Signal::kComments) {
      info.drop = DropReason::kComments;
    } else if (signal == Signal::kStrong) {
      info.drop = DropReason::kStrong;
    } else if (signal == Signal::kWeak) {
      info.drop = DropReason::kWeak;
    }

    // Metadata.
    switch (tag) {
      case Tag::kHtml:
        if (facts_.lang.empty()) {
          std::string_view lang = GetAttr(n, "lang");
          if (lang.empty()) lang = GetAttr(n, "xml:lang");
          facts_.lang = std::string(lang);
        }
        break;
      case Tag::kTitle:
        if (facts_.title_tag.empty()) facts_.title_tag = PlainText(n, 2000);
        break;
      case Tag::kMeta: ReadMeta(n); break;
      case Tag::kLink:
        if (facts_.canonical.empty() && HasToken(Lower(rel), "canonical"))
          facts_.canonical = CollapseSpace(GetAttr(n, "href"));
        break;
      case Tag::kH1: facts_.h1s.push_back(index); break;
      case Tag::kTime:
        if (!GetAttr(n, "datetime").empty() && facts_.times.size() < 64)
          facts_.times.push_back(index);
        break;
      default: break;
    }
    if (itemprop_lower == "datepublished" && facts_.date_published == kNone)
      facts_.date_published = index;
    if (facts_.bylines.size() < 8 && !info.has(kInHead)) {
      bool byline = itemprop_lower == "author" || (tag == Tag::kA && HasToken(Lower(rel), "author"));
      if (byline || facts.byline) facts_.bylines.push_back(index);
    }
    return descend;
  }

  void Text(xmlNode* n) {
    uint32_t i = InfoIndex(n->parent);
    if (i == kNone || n->type != XML_TEXT_NODE) return;
    NodeInfo& info = infos_[i];
    if (info.has(kInHead)) return;
    info.own_text += CountVisible(View(n->content), &info.own_commas);
  }

  static bool IsHiddenStyle(std::string_view style) {
    std::string s;
    for (char c : style)
      if (!IsAsciiSpace(static_cast<unsigned char>(c))) s.push_back(LowerAscii(c));
    return Contains(s, "display:none") || Contains(s, "visibility:hidden");
  }

  static bool HasToken(std::string_view s, std::string_view token) {
    return HasSpaceToken(s, token);
  }

  // Text of a small element (title, meta-like spans), collapsed.
  static std::string PlainText(xmlNode* n, size_t max_bytes) {
    TextSink sink;
    WalkTree(
        n,
        [&](xmlNode* e) {
          Tag tag = TagOf(e->name);
          return sink.size() < max_bytes && tag != Tag::kScript && tag != Tag::kStyle &&
                 tag != Tag::kSkip;
        },
        [](xmlNode*) {},
        [&](xmlNode* t) {
          if (t->type == XML_TEXT_NODE && sink.size() < max_bytes)
            sink.Append(View(t->content), false, false);
        });
    return CutToSize(std::move(sink.text()), max_bytes);
  }

  void ReadMeta(xmlNode* n) {
    std::string_view key, content;
    bool has_content = false;
    for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
      std::string_view name = View(a->name);
      if (name == "property" || name == "name" || name == "itemprop" ||
          name == "http-equiv") {
        if (key.empty()) key = AttrValue(a);
      } else if (name == "content") {
        content = AttrValue(a);
        has_content = true;
      }
    }
    if (key.empty() || !has_content) return;
    std::string k = Lower(CollapseSpace(key));
    if (!IsInterestingMeta(k)) return;
    if (facts_.Meta(k) != nullptr) return;
    std::string v = CollapseSpace(content);
    if (v.empty()) return;
    facts_.metas.emplace_back(std::move(k), std::move(v));
  }

  std::vector<NodeInfo>& infos_;
  PageFacts& facts_;
  std::unordered_map<std::string_view, ClassFacts> class_cache_;
};

// Sums kept text bottom-up. Children follow their parent in |infos|, so one
// reverse pass sees every child before its parent.
void SumText(std::vector<NodeInfo>* infos) {
  for (NodeInfo& info : *infos) {
    bool in_link = info.has(kInLink);
    info.text = in_link ? 0 : info.own_text;
    info.link = in_link ? info.own_text : 0;
    info.inline_text = info.text;
    info.inline_link = info.link;
    info.inline_commas = in_link ? 0 : info.own_commas;
    info.ptext = 0;
  }
  for (size_t i = infos->size(); i-- > 0;) {
    const NodeInfo& c = (*infos)[i];
    if (c.parent == kNone || c.dropped()) continue;
    NodeInfo& p = (*infos)[c.parent];
    p.text += c.text;
    p.link += c.link;
    if (IsInline(c.tag)) {
      p.inline_text += c.inline_text;
      p.inline_link += c.inline_link;
      p.inline_commas += c.inline_commas;
    }
  }
}

// Settles which elements are dropped (see the file comment).
void SettleDrops(std::vector<NodeInfo>* infos) {
  std::vector<NodeInfo>& v = *infos;
  // First pass: only hard drops, to measure what wrappers hold.
  for (NodeInfo& info : v) {
    bool parent_dropped = info.parent != kNone && v[info.parent].dropped();
    if (parent_dropped || info.drop == DropReason::kHard) info.flags |= kDropped;
  }
  SumText(infos);
  uint32_t page_text = 0;
  for (const NodeInfo& info : v)
    if (info.tag == Tag::kBody || (info.parent == kNone && info.tag == Tag::kHtml))
      page_text = std::max(page_text, info.text);

  for (NodeInfo& info : v) {
    if (info.has(kDropped)) continue;
    if (info.parent != kNone && v[info.parent].dropped()) {
      info.flags |= kDropped;
      continue;
    }
    // A wrapper that holds most of the page is not boilerplate, whatever its
    // class says ("page no-sidebar", an ASP.NET form around everything).
    bool dominant = info.text >= 200 && info.text * 10 >= page_text * 6 &&
                    info.link_density() < 0.3;
    bool exempt = info.tag == Tag::kHtml || info.tag == Tag::kBody || info.has(kSemantic);
    bool drop = false;
    switch (info.drop) {
      case DropReason::kNone:
      case DropReason::kHard: break;
      case DropReason::kTag: drop = true; break;
      case DropReason::kForm: drop = !dominant; break;
      case DropReason::kStrong: drop = !exempt && !dominant; break;
      case DropReason::kWeak: drop = !exempt && !dominant && !info.has(kPositive); break;
      case DropReason::kComments: drop = !exempt; break;
    }
    if (drop) info.flags |= kDropped;
  }
  SumText(infos);
}

// Readability's weights for a candidate's tag and class.
float InitialScore(const NodeInfo& info) {
  float s = 0;
  switch (info.tag) {
    case Tag::kDiv: s = 5; break;
    case Tag::kPre:
    case Tag::kCell:
    case Tag::kBlockquote: s = 3; break;
    case Tag::kBlock:
    case Tag::kUl:
    case Tag::kOl:
    case Tag::kDl:
    case Tag::kDd:
    case Tag::kDt:
    case Tag::kLi:
    case Tag::kForm: s = -3; break;
    case Tag::kH1:
    case Tag::kHeading: s = -5; break;
    default: break;
  }
  if (info.has(kPositive)) s += 25;
  if (info.drop == DropReason::kWeak) s -= 25;
  return s;
}

// Scores paragraphs and credits their ancestors; fills ptext.
void ScoreParagraphs(std::vector<NodeInfo>* infos) {
  std::vector<NodeInfo>& v = *infos;
  for (size_t i = 0; i < v.size(); ++i) {
    NodeInfo& info = v[i];
    if (info.dropped() || IsInline(info.tag) || info.tag == Tag::kH1 ||
        info.tag == Tag::kFigcaption || info.tag == Tag::kCaption || info.has(kCaptionCls))
      continue;
    uint32_t len = info.inline_text;
    if (len < kMinParagraphBytes) continue;
    if (info.inline_link * 2 > len + info.inline_link) continue;
    info.flags |= kScored;
    info.ptext = len;
    float s = 1.0f + static_cast<float>(info.inline_commas) +
              std::min(static_cast<float>(len) / 100.0f, 3.0f);
    uint32_t a = IsParagraphTag(info.tag) ? info.parent : static_cast<uint32_t>(i);
    for (int level = 0; level < 5 && a != kNone; ++level, a = v[a].parent) {
      NodeInfo& anc = v[a];
      if (!anc.has(kHasScore)) {
        anc.flags |= kHasScore;
        anc.score = InitialScore(anc);
      }
      float divider = level == 0 ? 1.0f : level == 1 ? 2.0f : level * 3.0f;
      anc.score += s / divider;
    }
  }
  for (size_t i = v.size(); i-- > 0;) {
    const NodeInfo& c = v[i];
    if (c.parent != kNone && !c.dropped()) v[c.parent].ptext += c.ptext;
  }
}

// The part of the page the body blocks come from: |root|'s subtree, or only
// those children of |root| listed in |include| when it is not empty.
struct Container {
  uint32_t root = kNone;
  std::vector<uint32_t> include;  // ascending
};

bool IsAncestor(const std::vector<NodeInfo>& v, uint32_t a, uint32_t d) {
  return a <= d && d < v[a].end;
}

Container ChooseContainer(const std::vector<NodeInfo>& v, uint32_t body) {
  Container c;
  uint32_t top = kNone;
  float best = 0;
  for (uint32_t i = 0; i < v.size(); ++i) {
    const NodeInfo& info = v[i];
    if (!info.has(kHasScore) || info.dropped()) continue;
    float s = info.score * static_cast<float>(1.0 - info.link_density());
    if (top == kNone || s > best) {
      top = i;
      best = s;
    }
  }
  if (top != kNone && v[top].tag == Tag::kHtml) top = body;

  // Semantic containers: the one holding the most paragraph text, narrowed
  // to the innermost that keeps 85% of it, widened to its <article>.
  uint32_t smax = kNone;
  for (uint32_t i = 0; i < v.size(); ++i) {
    const NodeInfo& info = v[i];
    if (!info.has(kSemantic) || info.dropped() || info.ptext == 0) continue;
    if (smax == kNone || info.ptext > v[smax].ptext) smax = i;
  }
  if (smax != kNone) {
    uint32_t s1 = smax;
    for (uint32_t i = smax + 1; i < v[smax].end; ++i) {
      const NodeInfo& info = v[i];
      if (info.has(kSemantic) && !info.dropped() &&
          static_cast<uint64_t>(info.ptext) * 100 >= static_cast<uint64_t>(v[smax].ptext) * 85)
        s1 = i;
    }
    // A <main> holding the article among teaser <article>s: the article.
    if (v[s1].tag != Tag::kArticle) {
      uint32_t best_article = kNone;
      for (uint32_t i = s1 + 1; i < v[s1].end; ++i) {
        const NodeInfo& info = v[i];
        if (info.tag == Tag::kArticle && !info.dropped() &&
            (best_article == kNone || info.ptext > v[best_article].ptext))
          best_article = i;
      }
      if (best_article != kNone &&
          static_cast<uint64_t>(v[best_article].ptext) * 2 >= v[s1].ptext)
        s1 = best_article;
    }
    if (v[s1].tag != Tag::kArticle) {
      for (uint32_t a = v[s1].parent; a != kNone && IsAncestor(v, smax, a); a = v[a].parent) {
        if (v[a].tag == Tag::kArticle) {
          s1 = a;
          break;
        }
      }
    }
    uint32_t top_ptext = top == kNone ? 0 : v[top].ptext;
    if (static_cast<uint64_t>(v[s1].ptext) * 10 >= static_cast<uint64_t>(top_ptext) * 4) {
      c.root = s1;
      return c;
    }
  }

  if (top == kNone) {
    c.root = body;
    return c;
  }
  c.root = top;
  if (top == body || v[top].parent == kNone || v[v[top].parent].dropped()) return c;

  // Siblings that look like more of the same article.
  uint32_t parent = v[top].parent;
  float threshold = std::max(10.0f, best * 0.2f);
  std::vector<uint32_t> include;
  for (xmlNode* n = v[parent].node->children; n != nullptr; n = n->next) {
    uint32_t i = InfoIndex(n);
    if (i == kNone || v[i].dropped()) continue;
    const NodeInfo& s = v[i];
    bool take = i == top;
    if (!take && s.has(kHasScore)) {
      float ss = s.score * static_cast<float>(1.0 - s.link_density());
      take = ss >= threshold;
    }
    if (!take && s.tag == Tag::kP) {
      double ld = s.link_density();
      take = (s.text >= 80 && ld < 0.25) ||
             (s.text > 0 && s.text < 80 && ld == 0 && s.ptext > 0);
    }
    if (take) include.push_back(i);
  }
  if (include.size() > 1) {
    c.root = parent;
    c.include = std::move(include);
  }
  return c;
}

// ---------------------------------------------------------------------------
// Writing blocks.

class BlockWriter {
 public:
  BlockWriter(const std::vector<NodeInfo>& infos,
              std::vector<std::pair<BlockKind, std::string>>* out)
      : v_(infos), out_(*out) {}

  // Nodes never written (the headline and standfirst, written apart).
  void Skip(const xmlNode* n) {
    if (n != nullptr) skip_.push_back(n);
  }

  // Writes the blocks of |c|.
  void Write(const Container& c) {
    root_ = v_[c.root].node;
    include_ = c.include.empty() ? nullptr : &c.include;
    kind_ = BlockKind::kBody;
    if (v_[c.root].tag == Tag::kLi) kind_ = BlockKind::kListItem;
    if (v_[c.root].tag == Tag::kFigcaption || v_[c.root].has(kCaptionCls))
      kind_ = BlockKind::kCaption;
    in_link_ = false;
    pre_ = 0;
    stack_.clear();
    WalkTree(
        root_, [this](xmlNode* n) { return Enter(n); }, [this](xmlNode* n) { Exit(n); },
        [this](xmlNode* n) {
          if (n->type != XML_TEXT_NODE || (include_ != nullptr && n->parent == root_)) return;
          sink_.Append(View(n->content), in_link_, pre_ > 0);
        });
    Flush();
  }

  int dropped_link_dense() const { return dropped_link_dense_; }

 private:
  struct Frame {
    BlockKind kind;
    bool in_link;
    bool block;
    bool cell;
    bool pre;
  };

  bool IsBlock(const NodeInfo& info) const {
    return !IsInline(info.tag) || info.has(kCaptionCls);
  }

  bool Enter(xmlNode* n) {
    uint32_t i = InfoIndex(n);
    if (i == kNone) return false;
    const NodeInfo& info = v_[i];
    bool block = IsBlock(info) && info.tag != Tag::kCell;
    bool skip = info.dropped() || std::find(skip_.begin(), skip_.end(), n) != skip_.end();
    if (!skip && include_ != nullptr && n->parent == root_)
      skip = !std::binary_search(include_->begin(), include_->end(), i);
    // Link lists and link-dense regions.
    if (!skip && !IsInline(info.tag) && info.all_text() > 0 && info.link * 2 > info.all_text())
      skip = true;
    if (skip) {
      if (block) Flush();
      else sink_.Space();
      return false;
    }
    switch (info.tag) {
      case Tag::kBr:
        if (kind_ == BlockKind::kListItem || pre_ > 0) {
          sink_.Newline();
        } else if (sink_.Break() >= 2) {
          Flush();  // <br><br>: a paragraph break in div soup
        } else {
          sink_.Space();
        }
        return false;
      case Tag::kHr:
      case Tag::kImg:
        if (info.tag == Tag::kHr) Flush();
        return false;
      default: break;
    }
    Frame f{kind_, in_link_, block, info.tag == Tag::kCell, false};
    if (block) {
      Flush();
      if (kind_ == BlockKind::kBody) {
        if (info.tag == Tag::kFigcaption || info.tag == Tag::kCaption || info.has(kCaptionCls))
          kind_ = BlockKind::kCaption;
        else if (info.tag == Tag::kLi || info.tag == Tag::kDd || info.tag == Tag::kDt)
          kind_ = BlockKind::kListItem;
      }
      if (info.tag == Tag::kPre) {
        f.pre = true;
        ++pre_;
      }
    } else if (f.cell) {
      sink_.Space();
    }
    if (info.tag == Tag::kA) in_link_ = true;
    stack_.push_back(f);
    return true;
  }

  void Exit(xmlNode*) {
    if (stack_.empty()) return;
    Frame f = stack_.back();
    stack_.pop_back();
    if (f.block) Flush();
    if (f.cell) sink_.Space();
    if (f.pre) --pre_;
    kind_ = f.kind;
    in_link_ = f.in_link;
  }

  void Flush() {
    if (sink_.empty()) {
      sink_.Clear();
      return;
    }
    std::string& t = sink_.text();
    bool keep = true;
    if (sink_.link_visible() * 2 > sink_.visible()) {
      keep = false;
      ++dropped_link_dense_;
    } else if (IsBoilerplateText(t)) {
      keep = false;
    } else if (!out_.empty() && out_.back().second == t) {
      keep = false;
    }
    if (keep) out_.emplace_back(kind_, std::move(t));
    sink_.Clear();
  }

  const std::vector<NodeInfo>& v_;
  std::vector<std::pair<BlockKind, std::string>>& out_;
  std::vector<const xmlNode*> skip_;
  xmlNode* root_ = nullptr;
  const std::vector<uint32_t>* include_ = nullptr;
  TextSink sink_;
  std::vector<Frame> stack_;
  BlockKind kind_ = BlockKind::kBody;
  bool in_link_ = false;
  int pre_ = 0;
  int dropped_link_dense_ = 0;
};

// Text of |n| as one line, at most |max_bytes|, skipping dropped
// descendants (with |all_kept|, only those that are never text: scripts,
// hidden elements).
std::string ElementText(const std::vector<NodeInfo>& v, xmlNode* n, size_t max_bytes,
                        bool all_kept = false) {
  TextSink sink;
  WalkTree(
      n,
      [&](xmlNode* e) {
        uint32_t i = InfoIndex(e);
        if (i == kNone || sink.size() >= max_bytes) return false;
        if (all_kept ? v[i].drop == DropReason::kHard : v[i].dropped()) return false;
        if (!IsInline(v[i].tag) || v[i].tag == Tag::kBr) sink.Space();
        return true;
      },
      [&](xmlNode* e) {
        uint32_t i = InfoIndex(e);
        if (i != kNone && !IsInline(v[i].tag)) sink.Space();
      },
      [&](xmlNode* t) {
        if (t->type == XML_TEXT_NODE && sink.size() < max_bytes)
          sink.Append(View(t->content), false, false);
      });
  return CutToSize(std::move(sink.text()), max_bytes);
}

// ---------------------------------------------------------------------------
// JSON-LD.

struct LinkedData {
  std::string headline;
  std::string published;
  std::string modified;
  std::string publisher;
  std::vector<std::string> authors;
  bool have_article = false;
};

using Json = nlohmann::json;

const Json* Field(const Json& o, const char* key) {
  if (!o.is_object()) return nullptr;
  auto it = o.find(key);
  return it == o.end() ? nullptr : &*it;
}

std::string StringOf(const Json* j) {
  if (j == nullptr) return {};
  if (j->is_string()) return CollapseSpace(j->get_ref<const std::string&>());
  if (j->is_array() && !j->empty() && (*j)[0].is_string())
    return CollapseSpace((*j)[0].get_ref<const std::string&>());
  return {};
}

bool TypeMatches(const Json& o, bool (*pred)(std::string_view)) {
  const Json* t = Field(o, "@type");
  if (t == nullptr) return false;
  if (t->is_string()) return pred(t->get_ref<const std::string&>());
  if (t->is_array())
    for (const Json& e : *t)
      if (e.is_string() && pred(e.get_ref<const std::string&>())) return true;
  return false;
}

bool IsArticleType(std::string_view t) {
  return t == "NewsArticle" || t == "Article" || t == "ReportageNews" ||
         t == "BlogPosting" || t == "LiveBlogPosting" || t == "Report" ||
         t == "AnalysisNewsArticle" || t == "OpinionNewsArticle" ||
         t == "BackgroundNewsArticle" || t == "SocialMediaPosting" ||
         (t.size() > 7 && t.substr(t.size() - 7) == "Article");
}

bool IsOrganizationType(std::string_view t) {
  return t == "NewsMediaOrganization" || t == "Organization" || t == "Corporation";
}

// Resolves {"@id": ...} references within the same script.
const Json& Resolve(const Json& j, const std::unordered_map<std::string, const Json*>& ids) {
  if (j.is_object() && j.size() == 1) {
    const Json* id = Field(j, "@id");
    if (id != nullptr && id->is_string()) {
      auto it = ids.find(id->get_ref<const std::string&>());
      if (it != ids.end()) return *it->second;
    }
  }
  return j;
}

std::string NameOf(const Json& j, const std::unordered_map<std::string, const Json*>& ids) {
  const Json& r = Resolve(j, ids);
  if (r.is_string()) return CollapseSpace(r.get_ref<const std::string&>());
  return StringOf(Field(r, "name"));
}

// Strips an HTML comment or CDATA wrapper some pages put around JSON-LD.
std::string_view UnwrapScript(std::string_view s) {
  auto trim = [](std::string_view x) {
    while (!x.empty() && IsAsciiSpace(static_cast<unsigned char>(x.front()))) x.remove_prefix(1);
    while (!x.empty() && IsAsciiSpace(static_cast<unsigned char>(x.back()))) x.remove_suffix(1);
    return x;
  };
  s = trim(s);
  for (std::string_view open : {"<!--", "//<![CDATA[", "<![CDATA["})
    if (StartsWith(s, open)) s = trim(s.substr(open.size()));
  for (std::string_view close : {"-->", "//]]>", "]]>"})
    if (s.size() >= close.size() && s.substr(s.size() - close.size()) == close)
      s = trim(s.substr(0, s.size() - close.size()));
  return s;
}

void ReadLinkedData(std::string_view script, int number, LinkedData* ld,
                    std::vector<std::string>* notes) {
  try {
    script = UnwrapScript(script);
    if (script.empty()) return;
    Json root = Json::parse(script.begin(), script.end(), nullptr,
                            /*allow_exceptions=*/false, /*ignore_comments=*/true);
    if (root.is_discarded()) {
      notes->push_back("html: JSON-LD script " + std::to_string(number) +
                       " is not valid JSON; ignored");
      return;
    }
    // Collect objects (top level, arrays, @graph) without recursion.
    std::vector<const Json*> objects;
    std::unordered_map<std::string, const Json*> ids;
    std::vector<std::pair<const Json*, int>> stack{{&root, 0}};
    size_t visited = 0;
    while (!stack.empty() && visited < 10000) {
      auto [j, depth] = stack.back();
      stack.pop_back();
      ++visited;
      if (depth > 8) continue;
      if (j->is_array()) {
        for (auto it = j->rbegin(); it != j->rend(); ++it) stack.emplace_back(&*it, depth + 1);
      } else if (j->is_object()) {
        objects.push_back(j);
        const Json* id = Field(*j, "@id");
        if (id != nullptr && id->is_string() && j->size() > 1)
          ids.emplace(id->get_ref<const std::string&>(), j);
        for (const char* key : {"@graph", "mainEntity"}) {
          const Json* g = Field(*j, key);
          if (g != nullptr && (g->is_array() || g->is_object())) stack.emplace_back(g, depth + 1);
        }
      }
    }
    const Json* article = nullptr;
    const Json* organization = nullptr;
    const Json* page = nullptr;
    for (const Json* o : objects) {
      if (article == nullptr && TypeMatches(*o, IsArticleType)) article = o;
      if (organization == nullptr && TypeMatches(*o, IsOrganizationType)) organization = o;
      if (page == nullptr && Field(*o, "datePublished") != nullptr) page = o;
    }
    if (article == nullptr && page != nullptr) article = page;
    if (article != nullptr && !ld->have_article) {
      ld->have_article = true;
      ld->headline = StringOf(Field(*article, "headline"));
      ld->published = StringOf(Field(*article, "datePublished"));
      ld->modified = StringOf(Field(*article, "dateModified"));
      if (const Json* a = Field(*article, "author")) {
        const Json& ar = Resolve(*a, ids);
        if (ar.is_array()) {
          for (const Json& e : ar) {
            std::string name = NameOf(e, ids);
            if (!name.empty() && ld->authors.size() < 16) ld->authors.push_back(name);
          }
        } else {
          std::string name = NameOf(ar, ids);
          if (!name.empty()) ld->authors.push_back(name);
        }
      }
      if (const Json* p = Field(*article, "publisher")) {
        const Json& pr = Resolve(*p, ids);
        ld->publisher = NameOf(pr.is_array() && !pr.empty() ? pr[0] : pr, ids);
      }
    }
    if (ld->publisher.empty() && organization != nullptr)
      ld->publisher = StringOf(Field(*organization, "name"));
  } catch (const std::exception& e) {
    notes->push_back("html: JSON-LD script " + std::to_string(number) + ": " + e.what());
  } catch (...) {
    notes->push_back("html: JSON-LD script " + std::to_string(number) + " could not be read");
  }
}

// ---------------------------------------------------------------------------
// Metadata clean-up.

// "Headline | Site", "Headline - Site" -> "Headline".
std::string StripTitleSuffix(std::string title, std::string_view site) {
  static const char* const kSeparators[] = {" | ", " - ", " – ", " — ", " :: ", " · "};
  for (int round = 0; round < 3; ++round) {
    size_t best = std::string::npos;
    size_t sep_len = 0;
    for (const char* sep : kSeparators) {
      size_t pos = title.rfind(sep);
      if (pos != std::string::npos && (best == std::string::npos || pos > best)) {
        best = pos;
        sep_len = std::strlen(sep);
      }
    }
    if (best == std::string::npos || best == 0) break;
    std::string_view head(title.data(), best);
    std::string_view tail(title.data() + best + sep_len, title.size() - best - sep_len);
    int head_words = 1;
    for (char c : head) head_words += (c == ' ');
    bool tail_is_site = !site.empty() && EqualsIgnoreCase(tail, site);
    // A pipe rarely belongs to a headline; a dash often does.
    int min_words = sep_len == 3 && title[best + 1] == '|' ? 2 : 4;
    if (tail_is_site || (tail.size() <= 40 && head_words >= min_words)) {
      title.resize(best);
    } else {
      break;
    }
  }
  return title;
}


// Makes a canonical href absolute against og:url when it is relative.
std::string AbsoluteUrl(const std::string& href, const std::string* base) {
  if (StartsWith(href, "//")) return "https:" + href;
  if (Contains(href, "://") || base == nullptr) return href;
  size_t scheme = base->find("://");
  if (scheme == std::string::npos) return href;
  size_t path = base->find('/', scheme + 3);
  std::string origin = base->substr(0, path);
  if (StartsWith(href, "/")) return origin + href;
  return href;
}

bool LooksLikeUrl(std::string_view s) {
  return Contains(s, "://") || StartsWith(s, "www.") || StartsWith(s, "/");
}

std::string CleanAuthor(std::string_view s) {
  std::string a = CollapseSpace(s);
  for (const char* prefix : {"by", "By", "BY", "Por", "por", "POR"}) {
    size_t len = std::strlen(prefix);
    if (StartsWith(a, prefix) && (a.size() == len || a[len] == ' ' || a[len] == ':')) {
      a.erase(0, std::min(a.size(), len + 1));
      while (!a.empty() && (a[0] == ' ' || a[0] == ':')) a.erase(0, 1);
      break;
    }
  }
  size_t nl = a.find('\n');
  if (nl != std::string::npos) a.resize(nl);
  if (a.size() > 160 || LooksLikeUrl(a) || !HasWordChar(a)) return {};
  return a;
}

std::string LanguageTag(std::string_view lang) {
  std::string out;
  for (char c : lang) {
    char l = LowerAscii(c);
    if (l >= 'a' && l <= 'z') out.push_back(l);
    else break;
  }
  if (out.size() < 2 || out.size() > 3) return {};
  return out;
}

// Returns |s| with runs of space collapsed and without a trailing ellipsis,
// lowercased: the form in which a description and a paragraph are compared.
std::string ComparableText(std::string_view s) {
  std::string t = Lower(CollapseSpace(s));
  while (!t.empty() && (t.back() == '.' || t.back() == ' ')) t.pop_back();
  if (t.size() >= 3 && t.compare(t.size() - 3, 3, "\xE2\x80\xA6") == 0) t.resize(t.size() - 3);
  while (!t.empty() && (t.back() == '.' || t.back() == ' ')) t.pop_back();
  return t;
}

void EnsureUtf8(std::string* s, bool* repaired) {
  if (FindInvalidUtf8(*s) != std::string_view::npos) {
    RepairUtf8(s);
    *repaired = true;
  }
}

// ---------------------------------------------------------------------------
// Parsing.

struct ParseState {
  startElementSAXFunc start_element = nullptr;
  bool too_deep = false;
};

void IgnoreStructuredError(void*, xmlErrorPtr) {}

void GuardedStartElement(void* ctx, const xmlChar* name, const xmlChar** atts) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto* state = static_cast<ParseState*>(ctxt->_private);
  if (ctxt->nodeNr >= kMaxDepth) {
    state->too_deep = true;
    xmlStopParser(ctxt);
    return;
  }
  state->start_element(ctx, name, atts);
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

DocPtr ParsePage(std::string_view html, const std::string& charset, bool* too_deep,
               std::vector<std::string>* notes) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  htmlParserCtxtPtr ctxt =
      htmlCreateMemoryParserCtxt(html.data(), static_cast<int>(html.size()));
  if (ctxt == nullptr) return nullptr;
  ParseState state;
  state.start_element = ctxt->sax->startElement;
  ctxt->_private = &state;
  if (state.start_element != nullptr) ctxt->sax->startElement = GuardedStartElement;
  // The context owns its SAX handler; errors reported through it go to the
  // structured handler, which libxml2 only consults on SAX2 handlers.
  ctxt->sax->initialized = XML_SAX2_MAGIC;
  ctxt->sax->serror = IgnoreStructuredError;
  ctxt->sax->warning = nullptr;
  ctxt->sax->error = nullptr;
  ctxt->sax->fatalError = nullptr;
  // HUGE lifts libxml2's own depth cap of 256; GuardedStartElement applies
  // ours. NONET: no network; the HTML parser loads no DTD or entities.
  htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_NONET | XML_PARSE_HUGE);
  ctxt->options |= XML_PARSE_HUGE;
  if (!charset.empty()) {
    // Set before parsing, an encoder makes libxml2 ignore <meta charset>.
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(charset.c_str());
    if (handler == nullptr)
      notes->push_back("html: unknown charset \"" + charset.substr(0, 40) +
                       "\" from the server; the page's own declaration was used");
    else if (xmlSwitchToEncoding(ctxt, handler) != 0)
      notes->push_back("html: could not decode the charset \"" + charset.substr(0, 40) + "\"");
  }
  htmlParseDocument(ctxt);
  DocPtr doc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  ctxt->_private = nullptr;
  htmlFreeParserCtxt(ctxt);
  *too_deep = state.too_deep;
  return doc;
}

// The bodies of <script>, <style> and <svg> elements (JSON-LD excepted) and
// comments are cut before parsing: on news pages they are often most of the
// bytes, and libxml2 reads them a character at a time. The scan mirrors how
// libxml2 2.9 tokenises (checked against it by a differential test):
//   - only script and style are raw text, ending at "</name" (any case);
//   - a comment ends at the first "-->" or "--!>" after "<!--";
//   - a start tag ends at the first '>' outside a quoted attribute value,
//     "<script/>" is closed at once;
//   - an end tag ("</x", x a letter, '_', ':' or '.'), "<?..." and
//     "<!DOCTYPE" end at the first '>'; any other "<!" is text.
// Whenever something is unterminated or ambiguous, cutting stops and the
// rest goes to libxml2 as it is. An <svg> is only cut when its body has no
// nested svg, script, style or comment. Returns false (|out| empty) when
// there was nothing to cut.
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsNameChar(char c) {
  return IsAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_' ||
         c == '.';
}

bool IsBlankChar(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Index of the '>' ending the start tag whose attributes begin at |i|, or
// npos; |self_closing| is set for "/>" where an attribute could start. The
// attributes are read as htmlParseStartTag reads them: a quoted value may
// hold '>', an unquoted one runs to a blank or '>' (so "src=/a/>" does not
// close the tag), anything else is skipped to a blank, '>' or "/>".
size_t ScanStartTag(std::string_view s, size_t i, bool* self_closing) {
  const size_t n = s.size();
  const size_t npos = std::string_view::npos;
  *self_closing = false;
  for (;;) {
    while (i < n && IsBlankChar(s[i])) ++i;
    if (i >= n) return npos;
    char c = s[i];
    if (c == '>') return i;
    if (c == '/' && i + 1 < n && s[i + 1] == '>') {
      *self_closing = true;
      return i + 1;
    }
    if (IsAsciiAlpha(c) || c == '_' || c == ':' || c == '.') {
      while (i < n && IsNameChar(s[i])) ++i;
      size_t k = i;
      while (k < n && IsBlankChar(s[k])) ++k;
      if (k < n && s[k] == '=') {
        i = k + 1;
        while (i < n && IsBlankChar(s[i])) ++i;
        if (i < n && (s[i] == '"' || s[i] == '\'')) {
          size_t close = s.find(s[i], i + 1);
          if (close == npos) return npos;
          i = close + 1;
        } else {
          while (i < n && !IsBlankChar(s[i]) && s[i] != '>') ++i;
        }
      }
      continue;
    }
    while (i < n && !IsBlankChar(s[i]) && s[i] != '>' &&
           !(s[i] == '/' && i + 1 < n && s[i + 1] == '>'))
      ++i;
  }
}

// Index of the first "</name" (case-insensitive, maybe followed by more
// name characters) at or after |i|, or npos. Sets |exact| when the end tag's
// whole name is |name|.
size_t FindEndTag(std::string_view s, size_t i, std::string_view name, bool* exact) {
  const size_t n = s.size();
  while (i < n) {
    const void* lt = std::memchr(s.data() + i, '<', n - i);
    if (lt == nullptr) return std::string_view::npos;
    size_t j = static_cast<const char*>(lt) - s.data();
    if (j + 2 + name.size() <= n && s[j + 1] == '/' &&
        EqualsIgnoreCase(s.substr(j + 2, name.size()), name)) {
      size_t after = j + 2 + name.size();
      *exact = after >= n || !IsNameChar(s[after]);
      return j;
    }
    i = j + 1;
  }
  return std::string_view::npos;
}

// Index of the end tag closing a raw-text element (script, style) whose
// body starts at |i|, or npos when it cannot be told without knowing which
// elements are open. libxml2's content loop reads an end tag before it
// resumes raw text, and lets some start tags close the element ("<noscript>"
// a script, "<body>" a style); only then does htmlParseScript read raw text
// up to "</name".
size_t FindRawTextEnd(std::string_view s, size_t i, std::string_view name) {
  const size_t n = s.size();
  const size_t npos = std::string_view::npos;
  bool script = name.size() == 6;
  for (;;) {
    if (i + 1 < n && s[i] == '<' && s[i + 1] == '/') {
      size_t k = i + 2;
      if (k < n && (IsAsciiAlpha(s[k]) || s[k] == '_' || s[k] == ':' || s[k] == '.')) {
        while (k < n && IsNameChar(s[k])) ++k;
        return EqualsIgnoreCase(s.substr(i + 2, k - i - 2), name) ? i : npos;
      }
      i += 2;  // "</" without a name is skipped
      continue;
    }
    if (i + 1 < n && s[i] == '<' && IsAsciiAlpha(s[i + 1])) {
      size_t k = i + 1;
      while (k < n && IsNameChar(s[k])) ++k;
      std::string_view tag = s.substr(i + 1, k - i - 1);
      bool closes = script ? EqualsIgnoreCase(tag, "noscript")
                           : EqualsIgnoreCase(tag, "body") || EqualsIgnoreCase(tag, "frameset");
      if (closes) return npos;
    }
    bool exact = false;
    size_t j = FindEndTag(s, i, name, &exact);
    // "</scripts>" ends the raw text but might close an open element.
    return j != npos && exact ? j : npos;
  }
}

// Whether |tag| is an SVG drawing element that libxml2's HTML parser does
// not know (so no HTML rule opens or closes anything around it).
bool IsPlainSvgTag(std::string_view tag) {
  static const auto* kTags = new std::unordered_map<std::string_view, bool>{
      {"path", true}, {"g", true}, {"circle", true}, {"rect", true}, {"line", true},
      {"polyline", true}, {"polygon", true}, {"ellipse", true}, {"defs", true},
      {"use", true}, {"symbol", true}, {"lineargradient", true},
      {"radialgradient", true}, {"stop", true}, {"clippath", true}, {"mask", true},
      {"filter", true}, {"desc", true}, {"metadata", true}, {"pattern", true},
      {"marker", true}, {"image", true}, {"text", true}, {"tspan", true},
      {"textpath", true}, {"fegaussianblur", true}, {"feoffset", true},
      {"feblend", true}, {"fecolormatrix", true}, {"feflood", true},
      {"fecomposite", true}, {"femerge", true}, {"femergenode", true},
      {"fedropshadow", true}, {"animate", true}, {"animatetransform", true},
  };
  std::string lower = Lower(tag);
  return kTags->count(lower) != 0;
}

// Index of the "</svg" closing an <svg> whose body starts at |i|, or npos
// unless the body is plain drawing markup: SVG elements libxml2 does not
// know, closed in order, and text. Anything else (an HTML tag, a comment,
// an end tag that could close an element outside) keeps the svg uncut.
size_t FindSvgEnd(std::string_view s, size_t i) {
  const size_t n = s.size();
  const size_t npos = std::string_view::npos;
  std::vector<std::string_view> open;
  while (i < n) {
    const void* lt = std::memchr(s.data() + i, '<', n - i);
    if (lt == nullptr) return npos;
    size_t j = static_cast<const char*>(lt) - s.data();
    char next = j + 1 < n ? s[j + 1] : '\0';
    if (next == '/') {
      size_t k = j + 2;
      while (k < n && IsNameChar(s[k])) ++k;
      std::string_view tag = s.substr(j + 2, k - j - 2);
      if (EqualsIgnoreCase(tag, "svg")) return j;
      auto it = std::find_if(open.rbegin(), open.rend(),
                             [&](std::string_view o) { return EqualsIgnoreCase(o, tag); });
      if (tag.empty() || it == open.rend()) return npos;
      open.erase(std::prev(it.base()), open.end());
      size_t gt = s.find('>', k);
      if (gt == npos) return npos;
      i = gt + 1;
      continue;
    }
    if (IsAsciiAlpha(next)) {
      size_t k = j + 1;
      while (k < n && IsNameChar(s[k])) ++k;
      std::string_view tag = s.substr(j + 1, k - j - 1);
      if (!IsPlainSvgTag(tag) || open.size() >= 64) return npos;
      bool self_closing;
      size_t gt = ScanStartTag(s, k, &self_closing);
      if (gt == npos) return npos;
      if (!self_closing) open.push_back(tag);
      i = gt + 1;
      continue;
    }
    if (next == '!' || next == '?' || next == '_' || next == ':') return npos;
    i = j + 1;
  }
  return npos;
}

// One past the "-->" or "--!>" ending a comment whose text starts at |i|,
// or npos.
size_t CommentEnd(std::string_view s, size_t i) {
  for (;;) {
    size_t k = s.find("--", i);
    if (k == std::string_view::npos || k + 2 >= s.size()) return std::string_view::npos;
    if (s[k + 2] == '>') return k + 3;
    if (s[k + 2] == '!' && k + 3 < s.size() && s[k + 3] == '>') return k + 4;
    i = k + 1;
  }
}

bool CutRawText(std::string_view s, std::string* out) {
  out->clear();
  const size_t n = s.size();
  const size_t npos = std::string_view::npos;
  size_t i = 0, copied = 0;
  // Until the first tag or text, a DOCTYPE is where it belongs; later it is
  // "misplaced" and libxml2 reads what follows it differently.
  bool prolog = true;
  size_t prolog_end = 0;
  // (The caller only cuts valid UTF-8: see ReadHtmlArticle.)
  auto cut = [&](size_t from, size_t to) {
    if (out->empty()) out->reserve(n);
    out->append(s.data() + copied, from - copied);
    copied = to;
  };
  while (i < n) {
    const void* lt = std::memchr(s.data() + i, '<', n - i);
    if (lt == nullptr) break;
    size_t j = static_cast<const char*>(lt) - s.data();
    char next = j + 1 < n ? s[j + 1] : '\0';
    if (prolog) {
      for (size_t k = prolog_end; k < j && prolog; ++k)
        if (!IsAsciiSpace(static_cast<unsigned char>(s[k])) &&
            static_cast<unsigned char>(s[k]) < 0x80)
          prolog = false;
      if (s.compare(j, 4, "<!--") != 0 && !(next == '!' && j + 9 <= n &&
                                            EqualsIgnoreCase(s.substr(j + 2, 7), "doctype")))
        prolog = false;
    }
    if (next == '!') {
      if (s.compare(j, 4, "<!--") == 0) {
        size_t stop = CommentEnd(s, j + 4);
        if (stop == npos) break;
        // Joining the text around a comment must not make a new tag or
        // entity ("<<!-- -->p>", "&amp<!-- -->;"): only cut next to a tag
        // boundary or a blank.
        auto inert = [](char c) { return c == '>' || c == '<' || IsAsciiSpace(static_cast<unsigned char>(c)); };
        if ((j == 0 || (s[j - 1] != '<' && inert(s[j - 1]))) || stop >= n || inert(s[stop]))
          cut(j, stop);
        i = prolog_end = stop;
      } else if (j + 9 <= n && EqualsIgnoreCase(s.substr(j + 2, 7), "doctype")) {
        if (!prolog) break;
        prolog = false;
        size_t gt = s.find('>', j);
        if (gt == npos) break;
        std::string_view decl = s.substr(j, gt - j);
        if (decl.find_first_of("\"'") != npos) {
          // libxml2 reads quoted identifiers; only go on if no quote hides a '>'.
          size_t q = j;
          bool ambiguous = false;
          while (q < n && s[q] != '>') {
            if (s[q] == '"' || s[q] == '\'') {
              size_t close = s.find(s[q], q + 1);
              if (close == npos || close > gt) {
                ambiguous = true;
                break;
              }
              q = close;
            }
            ++q;
          }
          if (ambiguous || q != gt) break;
        }
        i = gt + 1;
      } else {
        i = j + 1;  // libxml2 reads "<!" as text
      }
      continue;
    }
    if (next == '?' || (next == '/' && j + 2 < n && (IsAsciiAlpha(s[j + 2]) || s[j + 2] == '_' ||
                                                     s[j + 2] == ':' || s[j + 2] == '.'))) {
      size_t gt = s.find('>', j);
      if (gt == npos) break;
      i = gt + 1;
      continue;
    }
    if (!IsAsciiAlpha(next)) {
      i = j + 1;
      continue;
    }
    size_t k = j + 1;
    while (k < n && IsNameChar(s[k])) ++k;
    std::string_view name = s.substr(j + 1, k - j - 1);
    bool self_closing = false;
    size_t gt = ScanStartTag(s, k, &self_closing);
    if (gt == npos) break;
    bool script = EqualsIgnoreCase(name, "script");
    bool style = EqualsIgnoreCase(name, "style");
    bool svg = EqualsIgnoreCase(name, "svg");
    if ((!script && !style && !svg) || self_closing) {
      i = gt + 1;
      continue;
    }
    size_t close;
    if (svg) {
      close = FindSvgEnd(s, gt + 1);
      if (close == npos) {
        i = gt + 1;  // let the scan go through the svg like any markup
        continue;
      }
    } else {
      close = FindRawTextEnd(s, gt + 1, name);
      if (close == npos) break;
    }
    std::string_view body = s.substr(gt + 1, close - gt - 1);
    // The end tag, like any end tag, runs to the first '>'.
    size_t end_gt = s.find('>', close);
    if (end_gt == npos) break;
    bool keep = script && Contains(Lower(s.substr(k, gt - k)), "ld+json");
    if (!keep && !body.empty()) cut(gt + 1, close);
    i = end_gt + 1;
  }
  if (copied == 0) {
    out->clear();
    return false;
  }
  out->append(s.data() + copied, n - copied);
  return true;
}

// Whether the page opens with a UTF-16 byte-order mark or EBCDIC "<?xm",
// the marks by which libxml2 reads the page in an encoding where bytes are
// not characters.
bool StartsWithForeignEncodingMark(std::string_view s) {
  return s.starts_with("\xFE\xFF") || s.starts_with("\xFF\xFE") ||
         s.starts_with("\x4C\x6F\xA7\x94");
}

// Whether every charset the page declares ("charset=..." in a meta tag or
// a Content-Type) is UTF-8. Any other, or one libxml2 cannot make sense
// of, may switch the parser's decoding where it is read, and what comes
// after depends on bytes a cut would remove.
bool DeclaresOnlyUtf8(std::string_view s) {
  constexpr std::string_view kWord = "charset";
  for (size_t at = 0; at + kWord.size() <= s.size(); ++at) {
    at = s.find_first_of("cC", at);
    if (at == std::string_view::npos || at + kWord.size() > s.size()) return true;
    if (!EqualsIgnoreCase(s.substr(at, kWord.size()), kWord)) continue;
    size_t k = at + kWord.size();
    while (k < s.size() && IsAsciiSpace(static_cast<unsigned char>(s[k]))) ++k;
    if (k >= s.size() || s[k] != '=') continue;  // the word, not a declaration
    ++k;
    while (k < s.size() && (IsAsciiSpace(static_cast<unsigned char>(s[k])) || s[k] == '"' ||
                            s[k] == '\''))
      ++k;
    size_t v = k;
    auto name_char = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '-' || c == '_' || c == '.' || c == ':';
    };
    while (k < s.size() && name_char(s[k])) ++k;
    std::string_view value = s.substr(v, k - v);
    if (!EqualsIgnoreCase(value, "utf-8") && !EqualsIgnoreCase(value, "utf8")) return false;
  }
  return true;
}

// Binary data is refused before parsing: NUL bytes (outside UTF-16) or many
// control characters near the start.
bool LooksBinary(std::string_view s) {
  if (s.size() >= 2) {
    unsigned char a = static_cast<unsigned char>(s[0]), b = static_cast<unsigned char>(s[1]);
    if ((a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF)) return false;
    if ((a == '<' && b == 0) || (a == 0 && b == '<')) return false;
  }
  size_t n = std::min<size_t>(s.size(), 4096);
  size_t control = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++control;
  }
  return control * 10 > n;
}

}  // namespace

Result<HtmlArticle> ReadHtmlArticle(std::string_view html, std::string_view origin) {
  return ReadHtmlArticle(html, origin, HtmlReadOptions());
}

Result<HtmlArticle> ReadHtmlArticle(std::string_view html, std::string_view origin,
                                    const HtmlReadOptions& options) {
  const std::string where(origin);
  if (TrimSpace(html).empty()) return Status::InvalidInput("html: empty page", where);
  if (html.size() > kMaxInputBytes || html.size() > static_cast<size_t>(INT_MAX))
    return Status::InvalidInput("html: page larger than " +
                                    std::to_string(kMaxInputBytes >> 20) + " MiB",
                                where);
  if (LooksBinary(html)) return Status::InvalidInput("html: binary data, not a page", where);

  HtmlArticle article;
  bool too_deep = false;
  std::string cut;
  // Byte scanning is only sound for ASCII-compatible encodings: not for
  // UTF-16 (NULs; refused above unless it has a BOM) or ISO-2022 (ESC).
  // Nor when a byte-order mark or an EBCDIC "<?xm" makes libxml2 switch
  // the whole page to UTF-16 or EBCDIC, nor when the page is not valid
  // UTF-8: at its first bad byte libxml2 goes on in Latin-1, and where that
  // happens moves with the bytes cut; nor when it declares another charset,
  // which libxml2 switches to where it reads it (all found by
  // fuzz/html_reader_fuzz.cc). Pages in other charsets are parsed whole;
  // so are broken ones.
  bool cut_first = options.cut_raw_text && !StartsWithForeignEncodingMark(html) &&
                   (options.charset.empty() || EqualsIgnoreCase(options.charset, "utf-8") ||
                    EqualsIgnoreCase(options.charset, "utf8")) &&
                   html.find('\0') == std::string_view::npos &&
                   html.find('\x1b') == std::string_view::npos &&
                   FindInvalidUtf8(html) == std::string_view::npos && DeclaresOnlyUtf8(html);
  std::string_view page = cut_first && CutRawText(html, &cut) ? std::string_view(cut) : html;
  DocPtr doc = ParsePage(page, options.charset, &too_deep, &article.notes);
  if (doc == nullptr) return Status::InvalidInput("html: libxml2 could not parse the page", where);
  if (too_deep)
    article.notes.push_back("html: elements nested deeper than " + std::to_string(kMaxDepth) +
                            "; the rest of the page was ignored");

  // Survey.
  std::vector<NodeInfo> infos;
  infos.reserve(std::min<size_t>(page.size() / 64, 1u << 16) + 16);
  PageFacts facts;
  Survey(&infos, &facts).Run(doc.get());
  if (infos.empty()) return Status::InvalidInput("html: no elements in page", where);
  SettleDrops(&infos);
  ScoreParagraphs(&infos);

  uint32_t body = kNone;
  for (uint32_t i = 0; i < infos.size() && body == kNone; ++i)
    if (infos[i].tag == Tag::kBody) body = i;
  if (body == kNone) body = 0;  // the root element

  Container container = ChooseContainer(infos, body);
  const NodeInfo& croot = infos[container.root];
  uint32_t cstart = container.root, cend = croot.end;
  // The article around the container, for the headline, standfirst and time.
  uint32_t article_scope = container.root;
  for (uint32_t a = container.root; a != kNone; a = infos[a].parent) {
    if (infos[a].tag == Tag::kArticle) {
      article_scope = a;
      break;
    }
  }

  // Metadata facts from JSON-LD.
  LinkedData ld;
  for (size_t k = 0; k < facts.json_ld_nodes.size() && k < 32; ++k) {
    std::string script;
    for (xmlNode* c = facts.json_ld_nodes[k]->children; c != nullptr; c = c->next)
      if (c->content != nullptr) script.append(View(c->content));
    ReadLinkedData(script, static_cast<int>(k + 1), &ld, &article.notes);
  }

  DocumentMeta& meta = article.meta;
  const std::string* og_title = facts.Meta("og:title");
  const std::string* site_name = facts.Meta("og:site_name");

  // Headline: an h1 in the container, else one matching the title, else the
  // first before the container, else any.
  uint32_t h1 = kNone;
  std::string h1_text;
  {
    std::string title_cmp = Lower(og_title ? *og_title : facts.title_tag);
    uint32_t in_container = kNone, matching = kNone, before = kNone, any = kNone;
    int compared = 0;
    for (uint32_t i : facts.h1s) {
      const NodeInfo& info = infos[i];
      if (info.dropped() || info.all_text() == 0) continue;
      if (any == kNone) any = i;
      if (in_container == kNone && i >= article_scope && i < infos[article_scope].end)
        in_container = i;
      if (before == kNone && i < cstart) before = i;
      if (matching == kNone && !title_cmp.empty() && compared++ < 32) {
        std::string t = Lower(ElementText(infos, info.node, 1000));
        if (!t.empty() && Contains(title_cmp, t)) matching = i;
      }
    }
    for (uint32_t c : {in_container, matching, before, any}) {
      if (c != kNone) {
        h1 = c;
        break;
      }
    }
    if (h1 != kNone) h1_text = ElementText(infos, infos[h1].node, 4000);
  }

  // Title.
  if (og_title != nullptr) {
    meta.title = *og_title;
  } else if (!facts.title_tag.empty()) {
    meta.title = StripTitleSuffix(facts.title_tag, site_name ? *site_name : "");
  } else if (!h1_text.empty()) {
    meta.title = h1_text;
  } else if (const std::string* tw = facts.Meta("twitter:title")) {
    meta.title = *tw;
  } else {
    meta.title = ld.headline;
  }

  // URL and outlet.
  const std::string* og_url = facts.Meta("og:url");
  if (!facts.canonical.empty()) meta.url = AbsoluteUrl(facts.canonical, og_url);
  else if (og_url != nullptr) meta.url = *og_url;
  if (site_name != nullptr) meta.outlet = *site_name;
  else if (!ld.publisher.empty()) meta.outlet = ld.publisher;
  else meta.outlet = DomainOf(meta.url);

  // Author.
  for (const char* key : {"author", "article:author"}) {
    if (!meta.author.empty()) break;
    if (const std::string* a = facts.Meta(key)) meta.author = CleanAuthor(*a);
  }
  if (meta.author.empty() && !ld.authors.empty()) {
    for (const std::string& a : ld.authors) {
      std::string name = CleanAuthor(a);
      if (name.empty() || Contains(meta.author, name)) continue;
      if (!meta.author.empty()) meta.author += ", ";
      meta.author += name;
    }
  }
  for (size_t k = 0; k < facts.bylines.size() && meta.author.empty(); ++k)
    meta.author = CleanAuthor(ElementText(infos, infos[facts.bylines[k]].node, 400, true));

  // Published date: the first source that reads as a date.
  {
    std::vector<std::string> sources;
    for (const char* key : {"article:published_time", "date", "pubdate", "publishdate",
                            "publish-date", "publish_date", "dc.date", "dc.date.issued",
                            "dcterms.date", "dcterms.created", "datepublished"})
      if (const std::string* d = facts.Meta(key)) sources.push_back(*d);
    if (facts.date_published != kNone) {
      xmlNode* n = infos[facts.date_published].node;
      std::string_view v = GetAttr(n, "content");
      if (v.empty()) v = GetAttr(n, "datetime");
      sources.push_back(v.empty() ? ElementText(infos, n, 200) : std::string(v));
    }
    if (!ld.published.empty()) sources.push_back(ld.published);
    for (const char* key : {"parsely-pub-date", "sailthru.date"})
      if (const std::string* d = facts.Meta(key)) sources.push_back(*d);
    for (uint32_t t : facts.times) {
      if (t >= article_scope && t < infos[article_scope].end) {
        sources.push_back(std::string(GetAttr(infos[t].node, "datetime")));
        break;
      }
    }
    std::string unread;
    for (const std::string& s : sources) {
      std::string iso = NormalizeDate(s);
      if (!iso.empty()) {
        meta.published = iso;
        break;
      }
      if (unread.empty()) unread = TruncateUtf8(CollapseSpace(s), 80);
    }
    if (meta.published.empty() && !unread.empty())
      article.notes.push_back("html: publication date not understood: \"" + unread + "\"");
  }

  // Last modified: only kept when it reads as a date.
  {
    std::vector<std::string> sources;
    for (const char* key : {"article:modified_time", "og:updated_time", "datemodified",
                            "last-modified", "dcterms.modified"})
      if (const std::string* d = facts.Meta(key)) sources.push_back(*d);
    if (!ld.modified.empty()) sources.push_back(ld.modified);
    for (const std::string& s : sources) {
      std::string iso = NormalizeDate(s);
      if (!iso.empty()) {
        meta.updated = iso;
        break;
      }
    }
  }

  // Language.
  meta.lang = LanguageTag(facts.lang);
  if (meta.lang.empty())
    if (const std::string* l = facts.Meta("content-language")) meta.lang = LanguageTag(*l);
  if (meta.lang.empty())
    if (const std::string* l = facts.Meta("og:locale")) meta.lang = LanguageTag(*l);

  // Standfirst: a dek-like element after the headline and before the first
  // paragraph of the container.
  uint32_t standfirst = kNone;
  {
    uint32_t lo = h1 != kNone ? infos[h1].end : article_scope;
    if (h1 != kNone && h1 > cend) lo = cend;  // an h1 after the text: no dek
    for (uint32_t i = lo; i < cend; ++i) {
      const NodeInfo& info = infos[i];
      if (info.dropped()) {
        i = info.end - 1;
        continue;
      }
      if (info.has(kStandfirstCls) && !info.has(kInFigure) && info.tag != Tag::kH1 &&
          !(i < cstart && info.end > cstart) && !(h1 != kNone && i < h1 && info.end > h1)) {
        uint32_t all = info.all_text();
        if (all >= 20 && all <= 1000 && info.link * 2 <= all) {
          standfirst = i;
          break;
        }
      }
      if (info.has(kScored) && i >= cstart) break;
    }
  }

  // Blocks.
  std::vector<std::pair<BlockKind, std::string>> body_blocks;
  int link_dense = 0;
  {
    BlockWriter writer(infos, &body_blocks);
    if (h1 != kNone) writer.Skip(infos[h1].node);
    if (standfirst != kNone) writer.Skip(infos[standfirst].node);
    writer.Write(container);
    link_dense += writer.dropped_link_dense();
  }
  auto has_body = [](const std::vector<std::pair<BlockKind, std::string>>& blocks) {
    for (const auto& [kind, text] : blocks)
      if (kind == BlockKind::kBody || kind == BlockKind::kListItem) return true;
    return false;
  };
  if (!has_body(body_blocks) && container.root != body) {
    body_blocks.clear();
    Container whole;
    whole.root = body;
    BlockWriter writer(infos, &body_blocks);
    if (h1 != kNone) writer.Skip(infos[h1].node);
    if (standfirst != kNone) writer.Skip(infos[standfirst].node);
    writer.Write(whole);
    link_dense += writer.dropped_link_dense();
    if (has_body(body_blocks))
      article.notes.push_back("html: no article container found; read the whole page");
  }
  if (!has_body(body_blocks))
    return Status::InvalidInput("html: no article text found", where);
  if (link_dense > 0)
    article.notes.push_back("html: dropped " + std::to_string(link_dense) +
                            " link-dense block(s)");

  std::vector<std::pair<BlockKind, std::string>>& blocks = article.blocks;
  std::string headline = !h1_text.empty() ? h1_text : og_title ? *og_title : meta.title;
  if (!headline.empty()) blocks.emplace_back(BlockKind::kHeadline, headline);
  if (standfirst != kNone) {
    std::string dek = ElementText(infos, infos[standfirst].node, 4000);
    if (!dek.empty()) blocks.emplace_back(BlockKind::kStandfirst, std::move(dek));
  } else {
    const std::string* desc = facts.Meta("og:description");
    if (desc == nullptr) desc = facts.Meta("description");
    if (desc == nullptr) desc = facts.Meta("twitter:description");
    if (desc != nullptr && desc->size() >= 30 && HasWordChar(*desc)) {
      std::string d = ComparableText(*desc);
      std::string first;
      for (const auto& [kind, text] : body_blocks) {
        if (kind == BlockKind::kBody) {
          first = ComparableText(text);
          break;
        }
      }
      bool repeats = !d.empty() && (StartsWith(first, d) || StartsWith(d, first) ||
                                    d == ComparableText(headline));
      if (!repeats && !IsBoilerplateText(*desc)) blocks.emplace_back(BlockKind::kStandfirst, *desc);
    }
  }
  for (auto& b : body_blocks) {
    if (!blocks.empty() && blocks.back().second == b.second) continue;
    blocks.push_back(std::move(b));
  }

  // Everything returned is valid UTF-8 (libxml2 converts, but a page that
  // lies about its charset can still leave bad bytes in attribute values).
  bool repaired = false;
  for (auto& [kind, text] : blocks) EnsureUtf8(&text, &repaired);
  for (std::string* s : {&meta.title, &meta.url, &meta.outlet, &meta.author, &meta.published,
                         &meta.lang})
    EnsureUtf8(s, &repaired);
  if (repaired) article.notes.push_back("html: replaced invalid UTF-8 sequences");
  return article;
}

}  // namespace vigil
