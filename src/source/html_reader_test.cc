#include "source/html_reader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "base/utf8.h"

namespace vigil {
namespace {

using Blocks = std::vector<std::pair<BlockKind, std::string>>;

// All block texts joined by newlines, for "contains" checks.
std::string AllText(const HtmlArticle& a) {
  std::string out;
  for (const auto& [kind, text] : a.blocks) {
    out += text;
    out += '\n';
  }
  return out;
}

bool Has(const HtmlArticle& a, const std::string& part) {
  return AllText(a).find(part) != std::string::npos;
}

// The text of the first block of |kind|, or "" if there is none.
std::string First(const HtmlArticle& a, BlockKind kind) {
  for (const auto& [k, text] : a.blocks)
    if (k == kind) return text;
  return "";
}

int Count(const HtmlArticle& a, BlockKind kind) {
  int n = 0;
  for (const auto& [k, text] : a.blocks) n += (k == kind);
  return n;
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

HtmlArticle MustRead(const std::string& html) {
  auto r = ReadHtmlArticle(html, "test.html");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return HtmlArticle();
  return std::move(r).value();
}

void ExpectValidUtf8(const HtmlArticle& a) {
  for (const auto& [kind, text] : a.blocks) {
    EXPECT_EQ(FindInvalidUtf8(text), std::string_view::npos) << text;
    EXPECT_FALSE(text.empty());
  }
  for (const std::string* s : {&a.meta.title, &a.meta.url, &a.meta.outlet, &a.meta.author,
                               &a.meta.published, &a.meta.lang})
    EXPECT_EQ(FindInvalidUtf8(*s), std::string_view::npos) << *s;
}

// Three paragraphs of article text, used where the body is not the point.
const char kBody[] =
    "<p>The harbour authority closed the northern pier on Monday after inspectors "
    "found cracks in two of its supporting columns, a spokesperson said.</p>"
    "<p>Fishing boats that normally unload there were sent to the southern docks, "
    "where crews waited several hours for a free berth, according to the port.</p>"
    "<p>Engineers expect to finish their survey by the end of the week and will then "
    "decide whether the pier can reopen before the winter season begins.</p>";

// A full page with the usual furniture around one article.
const char kNewsPage[] = R"(<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Harbour pier closed after inspectors find cracks | Port Gazette</title>
<meta property="og:title" content="Harbour pier closed after inspectors find cracks">
<meta property="og:site_name" content="Port Gazette">
<meta property="og:url" content="https://www.portgazette.example/local/pier-closed">
<link rel="canonical" href="https://www.portgazette.example/local/pier-closed">
<meta name="author" content="Lena Okafor">
<meta property="article:published_time" content="2025-11-03T14:05:00Z">
<meta name="description" content="The northern pier will stay shut while engineers study the damage.">
<script>var tracker = "SCRIPT-TEXT-MARKER"; document.write("<p>fake paragraph</p>");</script>
<style>p { color: #333 } .STYLE-MARKER {}</style>
</head>
<body>
<div id="cookie-consent">We use cookies to measure our audience. Accept all cookies?</div>
<header class="site-header">
  <h1 class="logo">Port Gazette</h1>
  <nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/local">Local NAV-MARKER</a></li>
  <li><a href="/sport">Sport</a></li></ul></nav>
</header>
<main>
<article>
  <header>
    <h1>Harbour pier closed after inspectors find cracks</h1>
    <p class="article-standfirst">Boats diverted to the southern docks while the survey goes on.</p>
    <div class="byline">By <a href="/staff/lena">Lena Okafor</a></div>
    <time datetime="2025-11-03T14:05:00Z">3 November 2025</time>
  </header>
  <figure><img src="pier.jpg" alt="">
    <figcaption>The northern pier seen from the breakwater on Monday morning.</figcaption></figure>
  <div class="article-body">
    <p>The harbour authority closed the northern pier on Monday after inspectors found
    cracks in two of its supporting columns, a spokesperson said.</p>
    <div class="ad-slot"><p>Advertisement</p></div>
    <p>Fishing boats that normally unload there were sent to the <b>southern</b> <i>docks</i>,
    where crews waited several hours for a free berth, according to the port.</p>
    <p>Read more: <a href="/local/docks">Southern docks expansion approved</a></p>
    <aside class="related-articles"><h3>Related Articles</h3>
      <ul><li><a href="/a">Council debates harbour budget RELATED-MARKER</a></li>
      <li><a href="/b">Storm damage bill rises</a></li></ul></aside>
    <p>Engineers expect to finish their survey by the end of the week and will then
    decide whether the pier can reopen before the winter season begins.</p>
    <h2>What changes for visitors</h2>
    <ul>
      <li>The ferry to the islands leaves from the southern docks until further notice.</li>
      <li>Parking on the pier road is suspended.</li>
    </ul>
    <div class="newsletter-box"><p>Sign up for our morning newsletter NEWSLETTER-MARKER</p>
      <form><input type="email"><button>Subscribe</button></form></div>
  </div>
</article>
</main>
<div class="sidebar"><h3>Most read</h3><ol><li><a href="/1">A different story SIDEBAR-MARKER</a></li>
<li><a href="/2">Yet another story</a></li></ol></div>
<footer><p>Copyright 2025 Port Gazette FOOTER-MARKER</p><a href="/about">About</a></footer>
</body>
</html>)";

TEST(HtmlReaderTest, ReadsOpenGraphMetadata) {
  HtmlArticle a = MustRead(kNewsPage);
  EXPECT_EQ(a.meta.title, "Harbour pier closed after inspectors find cracks");
  EXPECT_EQ(a.meta.url, "https://www.portgazette.example/local/pier-closed");
  EXPECT_EQ(a.meta.outlet, "Port Gazette");
  EXPECT_EQ(a.meta.author, "Lena Okafor");
  EXPECT_EQ(a.meta.published, "2025-11-03T14:05:00Z");
  EXPECT_EQ(a.meta.lang, "en");
}

TEST(HtmlReaderTest, RemovesBoilerplate) {
  HtmlArticle a = MustRead(kNewsPage);
  std::string text = AllText(a);
  for (const char* marker : {"SCRIPT-TEXT-MARKER", "fake paragraph", "STYLE-MARKER",
                             "NAV-MARKER", "RELATED-MARKER", "NEWSLETTER-MARKER",
                             "SIDEBAR-MARKER", "FOOTER-MARKER", "cookies", "Advertisement",
                             "Read more", "Related Articles", "Subscribe", "Port Gazette"})
    EXPECT_EQ(text.find(marker), std::string::npos) << marker << " in:\n" << text;
  EXPECT_TRUE(Has(a, "cracks in two of its supporting columns"));
  EXPECT_TRUE(Has(a, "before the winter season begins."));
}

TEST(HtmlReaderTest, LabelsBlockKinds) {
  HtmlArticle a = MustRead(kNewsPage);
  ASSERT_GE(a.blocks.size(), 6u);
  EXPECT_EQ(a.blocks[0].first, BlockKind::kHeadline);
  EXPECT_EQ(a.blocks[0].second, "Harbour pier closed after inspectors find cracks");
  EXPECT_EQ(a.blocks[1].first, BlockKind::kStandfirst);
  EXPECT_EQ(a.blocks[1].second, "Boats diverted to the southern docks while the survey goes on.");
  EXPECT_EQ(Count(a, BlockKind::kHeadline), 1);
  EXPECT_EQ(Count(a, BlockKind::kStandfirst), 1);
  EXPECT_EQ(First(a, BlockKind::kCaption),
            "The northern pier seen from the breakwater on Monday morning.");
  EXPECT_EQ(Count(a, BlockKind::kListItem), 2);
  EXPECT_EQ(First(a, BlockKind::kListItem),
            "The ferry to the islands leaves from the southern docks until further notice.");
  // A subheading is body text; the byline and the bare date are not.
  EXPECT_TRUE(Has(a, "What changes for visitors"));
  EXPECT_FALSE(Has(a, "By Lena"));
  EXPECT_FALSE(Has(a, "3 November 2025"));
  // Inline elements are joined with the spaces the markup has.
  EXPECT_TRUE(Has(a, "sent to the southern docks, where crews"));
  // Body paragraphs keep reading order.
  std::string text = AllText(a);
  EXPECT_LT(text.find("supporting columns"), text.find("free berth"));
  EXPECT_LT(text.find("free berth"), text.find("winter season"));
  ExpectValidUtf8(a);
}

TEST(HtmlReaderTest, ReadsJsonLdGraph) {
  const std::string html = std::string(R"(<html><head>
<title>Bridge toll to rise in spring - River Times</title>
<script type="application/ld+json">
{"@context": "https://schema.org",
 "@graph": [
   {"@type": "WebSite", "@id": "https://rivertimes.example/#site", "name": "River Times site"},
   {"@type": ["NewsArticle"], "headline": "Bridge toll to rise",
    "datePublished": "2025-10-30T08:15:00+01:00",
    "author": [{"@id": "https://rivertimes.example/#p1"}, {"@type": "Person", "name": "Tomas Berg"}],
    "publisher": {"@id": "https://rivertimes.example/#org"}},
   {"@type": "Person", "@id": "https://rivertimes.example/#p1", "name": "Maria Lund"},
   {"@type": "NewsMediaOrganization", "@id": "https://rivertimes.example/#org", "name": "River Times"}
 ]}
</script></head><body><article><h1>Bridge toll to rise in spring</h1>)") +
                           kBody + "</article></body></html>";
  HtmlArticle a = MustRead(html);
  EXPECT_EQ(a.meta.title, "Bridge toll to rise in spring");
  EXPECT_EQ(a.meta.published, "2025-10-30T08:15:00+01:00");
  EXPECT_EQ(a.meta.author, "Maria Lund, Tomas Berg");
  EXPECT_EQ(a.meta.outlet, "River Times");
  EXPECT_TRUE(a.meta.url.empty());
}

TEST(HtmlReaderTest, ReadsJsonLdArrayAndDateOnly) {
  const std::string html = std::string(R"(<html><head>
<script type="application/ld+json">[{"@type":"BreadcrumbList"},
 {"@type":"ReportageNews","datePublished":"2025-09-14","author":"Sam Reyes",
  "publisher":{"@type":"Organization","name":"Valley Wire"}}]</script>
</head><body>)") + kBody + "</body></html>";
  HtmlArticle a = MustRead(html);
  EXPECT_EQ(a.meta.published, "2025-09-14");
  EXPECT_EQ(a.meta.author, "Sam Reyes");
  EXPECT_EQ(a.meta.outlet, "Valley Wire");
}

TEST(HtmlReaderTest, BrokenJsonLdIsANoteNotAnError) {
  const std::string html = std::string(R"(<html><head>
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script>
<script type="application/ld+json">)") + Repeat("[", 100000) + R"(</script>
<meta name="pubdate" content="2025-08-01T10:00:00Z">
</head><body>)" + kBody + "</body></html>";
  auto r = ReadHtmlArticle(html, "broken.html");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->meta.published, "2025-08-01T10:00:00Z");
  int json_notes = 0;
  for (const std::string& n : r->notes) json_notes += n.find("JSON-LD") != std::string::npos;
  EXPECT_EQ(json_notes, 2);
}

TEST(HtmlReaderTest, DateSources) {
  // itemprop=datePublished beats the <time> fallback.
  HtmlArticle a = MustRead(std::string("<html><body><article><h1>Council vote</h1>"
                                       "<span itemprop=\"datePublished\" content=\"2025-07-04\">"
                                       "July 4</span>") +
                           kBody + "</article></body></html>");
  EXPECT_EQ(a.meta.published, "2025-07-04");
  // Only a <time> inside the article.
  HtmlArticle b = MustRead(std::string("<html><body><time datetime=\"2020-01-01\">old</time>"
                                       "<article><h1>Council vote</h1>"
                                       "<time datetime=\"2025-10-30T07:00:00-05:00\">Thursday</time>") +
                           kBody + "</article></body></html>");
  EXPECT_EQ(b.meta.published, "2025-10-30T07:00:00-05:00");
  // DC.date in a written style.
  HtmlArticle c = MustRead(std::string("<html><head><meta name=\"DC.date\" content=\"3 November 2025\">"
                                       "</head><body>") + kBody + "</body></html>");
  EXPECT_EQ(c.meta.published, "2025-11-03");
}

TEST(HtmlReaderTest, OutletFromCanonicalDomainAndTitleSuffix) {
  const std::string html =
      std::string("<html><head><title>Ferry service restored after long repairs - Coast Daily"
                  "</title><link rel=\"canonical\" href=\"https://www.coastdaily.example/a/1\">"
                  "</head><body>") +
      kBody + "</body></html>";
  HtmlArticle a = MustRead(html);
  EXPECT_EQ(a.meta.title, "Ferry service restored after long repairs");
  EXPECT_EQ(a.meta.outlet, "coastdaily.example");
  EXPECT_EQ(a.meta.url, "https://www.coastdaily.example/a/1");
  // No h1: the headline block comes from the title.
  EXPECT_EQ(First(a, BlockKind::kHeadline), "Ferry service restored after long repairs");
}

TEST(HtmlReaderTest, BylineElementGivesAuthor) {
  HtmlArticle a = MustRead(std::string("<html><body><article><h1>Council vote</h1>"
                                       "<p class=\"byline\">By Priya Natarajan</p>") +
                           kBody + "</article></body></html>");
  EXPECT_EQ(a.meta.author, "Priya Natarajan");
  EXPECT_FALSE(Has(a, "Priya"));
}

TEST(HtmlReaderTest, DropsLinkDenseBlocksAndLinkLists) {
  const std::string html = std::string("<html><body><article><h1>Market reopens</h1>") + kBody +
                           "<p>See <a href='/1'>the full list of stalls affected by the closure</a> "
                           "and <a href='/2'>our earlier report</a>.</p>"
                           "<ul><li><a href='/x'>Stall owners meet the mayor</a></li>"
                           "<li><a href='/y'>New rules for the covered market</a></li>"
                           "<li><a href='/z'>Prices at the fish counter</a></li></ul>"
                           "<p>The market will open at seven, an hour earlier than before, "
                           "<a href='/hours'>the council said</a>.</p>"
                           "</article></body></html>";
  HtmlArticle a = MustRead(html);
  EXPECT_FALSE(Has(a, "full list of stalls"));
  EXPECT_FALSE(Has(a, "Stall owners meet the mayor"));
  EXPECT_EQ(Count(a, BlockKind::kListItem), 0);
  // A paragraph with a short link stays, link text included.
  EXPECT_TRUE(Has(a, "an hour earlier than before, the council said."));
}

TEST(HtmlReaderTest, DivSoupWithoutArticleElement) {
  const std::string para =
      "Residents of the eastern district queued for water on Sunday after a main burst "
      "beneath the ring road, leaving taps dry in hundreds of homes";
  std::string html = "<html><head><title>Water main bursts | Metro Post</title></head><body>"
                     "<div id='top'><div class='links'>";
  for (int i = 0; i < 30; ++i) html += "<a href='/s" + std::to_string(i) + "'>Section " +
                                       std::to_string(i) + "</a> ";
  html += "</div></div><div id='wrap'><div class='col-left'>";
  html += "<div class='headline-box'><font size=5><b>Water main bursts under ring road</b></font></div>";
  html += "<div class='txt'>" + para + ".<br><br>Repair crews worked through the night, and "
          "the utility said supply should return by Tuesday morning.<br><br>Bottled water is "
          "being handed out at the sports centre, where volunteers have set up tables.</div>";
  html += "</div><div class='col-right'>";
  for (int i = 0; i < 12; ++i)
    html += "<div class='box'><a href='/t" + std::to_string(i) + "'>Another headline about "
            "something else entirely, number " + std::to_string(i) + "</a><br>Short teaser.</div>";
  html += "</div></div><div class='bottom'>Contact us | Terms | Privacy</div></body></html>";
  HtmlArticle a = MustRead(html);
  EXPECT_EQ(a.meta.title, "Water main bursts");
  ASSERT_GE(Count(a, BlockKind::kBody), 3) << AllText(a);
  // <br><br> splits paragraphs.
  EXPECT_EQ(a.blocks[1].second, para + ".");
  EXPECT_TRUE(Has(a, "supply should return by Tuesday morning."));
  EXPECT_TRUE(Has(a, "volunteers have set up tables."));
  EXPECT_FALSE(Has(a, "Another headline"));
  EXPECT_FALSE(Has(a, "Section 3"));
  EXPECT_FALSE(Has(a, "Terms"));
}

TEST(HtmlReaderTest, PrefersArticleBodyAndRoleMain) {
  std::string html = "<html><body><div class='layout'><div role='main'><h1>Tram line opens</h1>"
                     "<div itemprop='articleBody'>" + std::string(kBody) + "</div></div>"
                     "<div class='more'><p>Elsewhere in the city, a bakery celebrated fifty years "
                     "of trading with free bread for every customer who came in.</p>"
                     "<p>Also this week, the library extended its opening hours on Saturdays "
                     "for the rest of the year.</p></div></div></body></html>";
  HtmlArticle a = MustRead(html);
  EXPECT_EQ(First(a, BlockKind::kHeadline), "Tram line opens");
  EXPECT_TRUE(Has(a, "northern pier"));
  EXPECT_FALSE(Has(a, "bakery"));
  EXPECT_FALSE(Has(a, "library"));
}

TEST(HtmlReaderTest, DecodesWindows1252) {
  // “Quoted” café – in windows-1252 bytes.
  std::string html =
      "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 reopens</title></head><body>"
      "<article><h1>Caf\xe9 reopens</h1><p>\x93We missed our regulars,\x94 said the owner of the "
      "caf\xe9 on the square \x96 closed since the spring floods.</p></article></body></html>";
  HtmlArticle a = MustRead(html);
  EXPECT_EQ(a.meta.title, "Caf\xc3\xa9 reopens");
  EXPECT_TRUE(Has(a, "\xe2\x80\x9cWe missed our regulars,\xe2\x80\x9d said the owner of the "
                     "caf\xc3\xa9 on the square \xe2\x80\x93 closed"))
      << AllText(a);
  ExpectValidUtf8(a);
}

TEST(HtmlReaderTest, HttpEquivCharset) {
  std::string html =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
      "</head><body><p>Se inaugur\xf3 el puente nuevo sobre el r\xedo esta ma\xf1" "ana, "
      "dijeron las autoridades.</p></body></html>";
  HtmlArticle a = MustRead(html);
  EXPECT_TRUE(Has(a, "inaugur\xc3\xb3 el puente nuevo sobre el r\xc3\xado esta ma\xc3\xb1" "ana"));
}

TEST(HtmlReaderTest, TransportCharsetOutranksThePage) {
  // A server's "charset=windows-1252" for a page that declares nothing, and
  // for one that wrongly declares UTF-8: both read as windows-1252.
  const std::string body =
      "<body><article><p>\x93Se inaugur\xf3 el puente,\x94 dijeron las autoridades de "
      "Michoac\xe1n \x96 sin m\xe1s detalles.</p></article></body></html>";
  const std::string want =
      "\xe2\x80\x9cSe inaugur\xc3\xb3 el puente,\xe2\x80\x9d dijeron las autoridades de "
      "Michoac\xc3\xa1n \xe2\x80\x93 sin m\xc3\xa1s detalles.";
  HtmlReadOptions options;
  options.charset = "windows-1252";
  for (const std::string head : {"<html><head></head>", "<html><head><meta charset=utf-8></head>"}) {
    auto a = ReadHtmlArticle(head + body, "page.html", options);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    EXPECT_TRUE(Has(*a, want)) << head << "\n" << AllText(*a);
    ExpectValidUtf8(*a);
    EXPECT_TRUE(a->notes.empty());
  }
  // An unknown name is noted and the page's own declaration used.
  options.charset = "x-no-such-set";
  auto a = ReadHtmlArticle("<html><head><meta charset=windows-1252></head>" + body, "p.html",
                           options);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(Has(*a, want)) << AllText(*a);
  ASSERT_EQ(a->notes.size(), 1u);
  EXPECT_NE(a->notes[0].find("x-no-such-set"), std::string::npos);
}

TEST(HtmlReaderTest, DeepNestingCompletes) {
  auto start = std::chrono::steady_clock::now();
  // Text before the nesting survives; libxml2 stops at the depth cap.
  std::string html = std::string("<html><body>") + kBody + Repeat("<div>", 100000) +
                     "deep text" + Repeat("</div>", 100000) + "</body></html>";
  auto r = ReadHtmlArticle(html, "deep.html");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(Has(*r, "northern pier"));
  bool noted = false;
  for (const std::string& n : r->notes) noted |= n.find("nested deeper") != std::string::npos;
  EXPECT_TRUE(noted);

  // Nothing but nesting: no crash, and either some text or InvalidInput.
  for (const char* open : {"<div>", "<span>", "<b><i>", "<table><tr><td>", "<ul><li>", "<a href=x>",
                           "<font size=2>", "<p><blockquote>"}) {
    std::string deep = Repeat(open, 100000) + "x" + Repeat("</span>", 1000);
    auto d = ReadHtmlArticle(deep, "deep.html");
    if (!d.ok()) {
      EXPECT_EQ(d.status().code(), Status::Code::kInvalidInput) << open;
    }
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 20.0);
}

TEST(HtmlReaderTest, ScriptWithMarkupInStrings) {
  std::string html = std::string(
      "<html><head><script>var a = '</p><p>SCRIPT-ONE</p>'; var b = \"<div>\";</script></head>"
      "<body><article><h1>Road works</h1>"
      "<script>document.write('</p>SCRIPT-TWO<p>'); if (a < b && b > a) {}</script>"
      "<p>Work on the coast road starts next month and will last until the summer, "
      "the transport office said on Friday.</p>"
      "<SCRIPT type='text/javascript'>var c = '<!-- SCRIPT-THREE -->';</SCRIPT>"
      "<!-- <script> a commented-out tag COMMENT-MARKER </script> -->"
      "<p data-x='a>b' title=\"<script>\">Drivers should expect delays of up to twenty "
      "minutes at the junction with the bypass.</p>"
      "<style>.x::after { content: '</p>STYLE-TEXT' }</style>"
      "<p>A temporary bus lane will be marked on the old harbour road.</p>"
      "</article></body></html>");
  HtmlArticle a = MustRead(html);
  std::string text = AllText(a);
  for (const char* marker : {"SCRIPT-ONE", "SCRIPT-TWO", "SCRIPT-THREE", "COMMENT-MARKER",
                             "STYLE-TEXT", "document.write"})
    EXPECT_EQ(text.find(marker), std::string::npos) << marker;
  EXPECT_TRUE(Has(a, "Work on the coast road starts next month"));
  EXPECT_TRUE(Has(a, "Drivers should expect delays of up to twenty minutes"));
  EXPECT_TRUE(Has(a, "A temporary bus lane will be marked on the old harbour road."));
}

TEST(HtmlReaderTest, EmptyAndGarbageInputAreErrors) {
  for (const std::string& input :
       {std::string(), std::string("   \n\t "), std::string("<html></html>"),
        std::string("<html><body><nav><a href='/'>Home</a></nav></body></html>"),
        std::string("<html><body><script>only('code')</script></body></html>")}) {
    auto r = ReadHtmlArticle(input, "bad.html");
    ASSERT_FALSE(r.ok()) << input;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidInput);
    EXPECT_EQ(r.status().where(), "bad.html");
  }
  std::mt19937 rng(7);
  std::string binary(5000, '\0');
  for (char& c : binary) c = static_cast<char>(rng() & 0xFF);
  auto r = ReadHtmlArticle(binary, "image.jpg");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidInput);
  EXPECT_NE(r.status().message().find("binary"), std::string::npos);
}

TEST(HtmlReaderTest, EveryBlockIsValidUtf8) {
  // Declared UTF-8 but holding stray Latin-1 bytes and broken sequences.
  std::string html = std::string("<html><head><meta charset='utf-8'><title>Bad \xff bytes</title>"
                                 "<meta name='author' content='Jos\xe9 \xc3'></head><body>"
                                 "<article><h1>Caf\xe9 \xe2\x82 news</h1><p>Stray bytes \xfe\xff "
                                 "and a cut sequence \xe2\x82 in the middle of a sentence that is "
                                 "long enough to be a paragraph.</p>") +
                     kBody + "</article></body></html>";
  auto r = ReadHtmlArticle(html, "bad-utf8.html");
  ASSERT_TRUE(r.ok());
  ExpectValidUtf8(*r);
  // Random corruption of a real page never crashes and never yields bad UTF-8.
  std::mt19937 rng(11);
  const std::string page = kNewsPage;
  for (int round = 0; round < 300; ++round) {
    std::string m = page;
    int edits = 1 + rng() % 20;
    for (int e = 0; e < edits; ++e) {
      size_t pos = rng() % m.size();
      switch (rng() % 3) {
        case 0: m[pos] = static_cast<char>(0x80 + rng() % 0x7F); break;
        case 1: m.erase(pos, rng() % 40); break;
        case 2: m.insert(pos, std::string(1, "<>&\"'/="[rng() % 7])); break;
      }
    }
    auto mr = ReadHtmlArticle(m, "mutated.html");
    if (mr.ok()) {
      ExpectValidUtf8(*mr);
    } else {
      EXPECT_EQ(mr.status().code(), Status::Code::kInvalidInput);
    }
  }
}

TEST(HtmlReaderTest, WhitespaceAndInlineJoining) {
  HtmlArticle a = MustRead(
      "<html><body><article><h1>  Spacing\n  test  </h1>"
      "<p><b>Police</b> said <i>two</i>men   were  <em> held </em> overnight&nbsp;&nbsp;in the "
      "town<br>of Alder, and re<span>leased</span> on bail today.</p>"
      "<p>Second paragraph with enough words in it to be counted as text by the reader.</p>"
      "<p>Second paragraph with enough words in it to be counted as text by the reader.</p>"
      "<ul><li>First line<br>second line of the same item in the list</li></ul>"
      "</article></body></html>");
  EXPECT_EQ(First(a, BlockKind::kHeadline), "Spacing test");
  EXPECT_TRUE(Has(a, "Police said twomen were held overnight in the town of Alder, and released "
                     "on bail today."))
      << AllText(a);
  // Duplicate consecutive blocks appear once.
  std::string text = AllText(a);
  size_t first = text.find("Second paragraph");
  EXPECT_EQ(text.find("Second paragraph", first + 1), std::string::npos);
  EXPECT_EQ(First(a, BlockKind::kListItem), "First line\nsecond line of the same item in the list");
}

TEST(HtmlReaderTest, MetaDescriptionAsStandfirst) {
  // Used when the page has no dek element and it adds something.
  HtmlArticle a = MustRead(std::string("<html><head><meta name='description' content='Inspectors "
                                       "found cracks in two columns; boats have been diverted.'>"
                                       "</head><body><article><h1>Pier closed</h1>") +
                           kBody + "</article></body></html>");
  EXPECT_EQ(First(a, BlockKind::kStandfirst),
            "Inspectors found cracks in two columns; boats have been diverted.");
  EXPECT_EQ(a.blocks[1].first, BlockKind::kStandfirst);
  // Not when it repeats (a cut version of) the first paragraph.
  HtmlArticle b = MustRead(std::string("<html><head><meta property='og:description' "
                                       "content='The harbour authority closed the northern pier "
                                       "on Monday after inspectors found...'>"
                                       "</head><body><article><h1>Pier closed</h1>") +
                           kBody + "</article></body></html>");
  EXPECT_EQ(Count(b, BlockKind::kStandfirst), 0);
}

TEST(HtmlReaderTest, HostileInputsStayBounded) {
  auto start = std::chrono::steady_clock::now();
  // A 20 MB attribute value.
  std::string huge = std::string("<html><body><p title=\"") + std::string(20 << 20, 'a') +
                     "\">Text after a very large attribute, long enough to be a paragraph.</p>" +
                     kBody + "</body></html>";
  auto r1 = ReadHtmlArticle(huge, "huge.html");
  ASSERT_TRUE(r1.ok());
  EXPECT_TRUE(Has(*r1, "Text after a very large attribute"));
  // Entity definitions are not expanded.
  std::string bomb = "<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;"
                     "&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]><html><body>" +
                     Repeat("<p>&c;&c;&c;&c; &amp; &#x41; &bogus; &#99999999;</p>", 2000) +
                     kBody + "</body></html>";
  auto r2 = ReadHtmlArticle(bomb, "bomb.html");
  ASSERT_TRUE(r2.ok());
  EXPECT_LT(AllText(*r2).size(), bomb.size());
  ExpectValidUtf8(*r2);
  // Unclosed tags everywhere.
  std::string unclosed = std::string("<html><body><div><p>The first paragraph never closes and "
                                     "keeps going for a while longer<div><p>Second one is "
                                     "unclosed too, and it also runs on a bit<table><tr><td>"
                                     "cell text that is long enough to count here") +
                         Repeat("<b><i><u>", 500) + "tail";
  auto r3 = ReadHtmlArticle(unclosed, "unclosed.html");
  ASSERT_TRUE(r3.ok());
  EXPECT_TRUE(Has(*r3, "The first paragraph never closes"));
  // Closing tags that match nothing, after deep nesting: the slow case for
  // libxml2, bounded by the depth cap.
  std::string mismatched = Repeat("<div>", 2000) + Repeat("</span>", 200000);
  auto r4 = ReadHtmlArticle(mismatched, "mismatched.html");
  EXPECT_FALSE(r4.ok());
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 20.0);
}

TEST(HtmlReaderTest, NothingOnStderr) {
  testing::internal::CaptureStderr();
  auto r = ReadHtmlArticle(std::string("<html><head><meta charset='no-such-charset'></head><body>"
                                       "<p>Bad </i> nesting <b><p> & stray &unknown; <<<>>>"
                                       "</td></tr></table><?php echo 1 ?>") +
                               kBody + "</body></html>",
                           "noisy.html");
  auto r2 = ReadHtmlArticle(std::string("<html><body>\xff\xfe\x80 invalid utf-8 ") + kBody,
                            "noisy2.html");
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r2.ok());
  EXPECT_EQ(err, "");
}

TEST(HtmlReaderTest, SafeOnSeveralThreads) {
  const std::string page = kNewsPage;
  HtmlArticle expected = MustRead(page);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto r = ReadHtmlArticle(page, "threads.html");
        if (!r.ok() || r->blocks != expected.blocks || r->meta.title != expected.meta.title)
          ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(HtmlReaderTest, SkipsHiddenAndCommentSections) {
  HtmlArticle a = MustRead(std::string("<html><body><article><h1>Vote count</h1>") + kBody +
                           "<div style='display: none'>HIDDEN-MARKER text that is long enough to "
                           "look like a paragraph of the article.</div>"
                           "<p hidden>HIDDEN-TWO another paragraph long enough to count here.</p>"
                           "<section id='comments'><p>COMMENT-MARKER I disagree with this report "
                           "and I think the council is wrong about everything.</p></section>"
                           "<div class='share-tools'>Share on Facebook Share on X</div>"
                           "</article></body></html>");
  std::string text = AllText(a);
  for (const char* marker : {"HIDDEN-MARKER", "HIDDEN-TWO", "COMMENT-MARKER", "Share on"})
    EXPECT_EQ(text.find(marker), std::string::npos) << marker;
  EXPECT_TRUE(Has(a, "northern pier"));
}

TEST(HtmlReaderTest, ClassWordsOnTheArticleItselfDoNotDropIt) {
  // A wrapper whose class mentions a sidebar, and an article marked for
  // sharing, still hold the article.
  HtmlArticle a = MustRead(std::string("<html><body><div class='content-sidebar-wrap'>"
                                       "<article class='post has-share-buttons'><h1>Pier</h1>") +
                           kBody + "</article></div></body></html>");
  EXPECT_TRUE(Has(a, "northern pier"));
  EXPECT_TRUE(Has(a, "winter season"));
}

TEST(HtmlReaderTest, BoilerplateSentencesInsideTheArticle) {
  HtmlArticle a = MustRead(std::string("<html><body><article><h1>Pier</h1>") + kBody +
                           "<p>ADVERTISEMENT</p><p>Click here to get alerts on your phone.</p>"
                           "<p>Sign up for our newsletter to get the day's top stories.</p>"
                           "<p>By the time the tide turned, the crews had cleared the slipway "
                           "and moved the last of the boats.</p>"
                           "<p>Related: Storm warnings for the weekend</p>"
                           "</article></body></html>");
  EXPECT_FALSE(Has(a, "ADVERTISEMENT"));
  EXPECT_FALSE(Has(a, "Click here"));
  EXPECT_FALSE(Has(a, "Sign up"));
  EXPECT_FALSE(Has(a, "Storm warnings"));
  // A sentence that merely starts with "By" is kept.
  EXPECT_TRUE(Has(a, "By the time the tide turned"));
}

TEST(HtmlReaderTest, ParagraphGroupsInSiblingDivs) {
  HtmlArticle a = MustRead(
      "<html><head><title>Flood</title></head><body><div class='top'><a href='/'>Home</a> "
      "<a href='/a'>World</a></div><div id='story'>"
      "<div class='group'><p>The first group of paragraphs tells how the flood began late on "
      "Saturday evening near the dam.</p><p>Witnesses said the water rose by almost a metre "
      "in under an hour, covering the lower streets.</p></div>"
      "<div class='inline-promo'><a href='/x'>Subscribe today for full access</a></div>"
      "<div class='group'><p>The second group says emergency crews arrived before midnight, "
      "carrying pumps and sandbags.</p><p>By dawn the water had begun to fall, although "
      "several houses remained cut off until noon.</p></div>"
      "<div class='group'><p>The third group quotes the mayor, who promised an inquiry into "
      "why the warning sirens failed.</p></div></div>"
      "<div class='rail'><p>Weather: sunny.</p></div></body></html>");
  EXPECT_EQ(Count(a, BlockKind::kBody), 5) << AllText(a);
  EXPECT_TRUE(Has(a, "The first group"));
  EXPECT_TRUE(Has(a, "The third group"));
  EXPECT_FALSE(Has(a, "Subscribe"));
  EXPECT_FALSE(Has(a, "Weather"));
}

TEST(HtmlReaderTest, BlogPageWithCommentsAndSharing) {
  HtmlArticle a = MustRead(
      "<html><head><title>School reopens after repairs &#8211; Town Blog</title></head>"
      "<body class='single post-template'><div id='page' class='site'><main id='main'>"
      "<article class='post category-news tag-school'><header class='entry-header'>"
      "<h1 class='entry-title'>School reopens after repairs</h1><div class='entry-meta'>"
      "<time class='entry-date' datetime='2025-09-01T08:00:00+02:00'>September 1, 2025</time> "
      "<span class='byline'>by <span class='author vcard'><a href='/author/kim'>Kim Adler</a>"
      "</span></span></div></header><div class='entry-content'>"
      "<p>The primary school on Mill Lane opened its doors again on Monday after a summer of "
      "roof repairs that cost the town more than expected.</p>"
      "<p>Parents gathered at the gate before eight, and the head teacher welcomed each class "
      "in the newly painted hall.</p>"
      "<div class='sharedaddy sd-sharing-enabled'><h3>Share this:</h3><ul><li><a href='/1'>"
      "Twitter</a></li><li><a href='/2'>Facebook</a></li></ul></div></div></article>"
      "<div id='comments' class='comments-area'><ol class='comment-list'><li><p>My daughter was "
      "so happy to be back, the hall looks wonderful and the teachers did a great job.</p></li>"
      "<li><p>It took far too long and cost too much money, the council should explain why "
      "the estimate was wrong.</p></li></ol></div></main></div></body></html>");
  EXPECT_EQ(a.meta.title, "School reopens after repairs");
  EXPECT_EQ(a.meta.author, "Kim Adler");
  EXPECT_EQ(a.meta.published, "2025-09-01T08:00:00+02:00");
  EXPECT_EQ(Count(a, BlockKind::kBody), 2) << AllText(a);
  EXPECT_FALSE(Has(a, "daughter"));
  EXPECT_FALSE(Has(a, "Twitter"));
  EXPECT_FALSE(Has(a, "Kim Adler"));
}

TEST(HtmlReaderTest, MainWithTeaserArticles) {
  HtmlArticle a = MustRead(
      "<html><body><main><article><h1>Port strike enters third day</h1><p>Dock workers stayed "
      "away for a third day on Wednesday, leaving dozens of container ships waiting at anchor "
      "outside the harbour.</p><p>The union said talks with the port operator would resume on "
      "Thursday morning at the labour ministry.</p></article><section class='grid'><h2>Elsewhere"
      "</h2><article><h3><a href='/t1'>Council budget</a></h3><p>The council approved next "
      "year's budget after a long debate about road repairs and parks.</p></article><article>"
      "<h3><a href='/t2'>Museum</a></h3><p>The city museum will stay open late on Fridays "
      "throughout the autumn season this year.</p></article></section></main></body></html>");
  EXPECT_EQ(First(a, BlockKind::kHeadline), "Port strike enters third day");
  EXPECT_TRUE(Has(a, "labour ministry"));
  EXPECT_FALSE(Has(a, "council approved"));
  EXPECT_FALSE(Has(a, "museum"));
}

// Random pages built from the constructs that decide where raw text, tags
// and comments end; cutting script/style/svg bodies before parsing must give
// exactly what parsing the page whole gives.
std::string RandomPage(std::mt19937* rng) {
  static const char* const kPieces[] = {
      "<p>", "</p>", "<div class=\"body\">", "</div>", "<b>", "</b>", "<i>", "<article>",
      "</article>", "<h1>", "</h1>", "<ul><li>", "</li>", "<br>", "<a href='/x'>", "</a>",
      "<script>", "</script>", "<SCRIPT type='text/javascript'>", "</Script >", "<script/>",
      "<script src=/a.js/>", "<style>", "</style>", "<style/>", "<svg viewBox='0 0 1 1'>",
      "</svg>", "<path d='M0 0'/>", "<text>svg words</text>", "<textarea>", "</textarea>",
      "<title>", "</title>", "<!--", "-->", "--!>", "<!-->", "<!--->", "<!DOCTYPE html>",
      "<!doctype x [<!ENTITY a '<script>'>]>", "<!DOCTYPE html PUBLIC \"-//X//Y>Z\" \"u\">",
      "<!foo ", "<![CDATA[", "]]>", "<?pi ", "?>", "</_x ", "</p title='<script>'>",
      "<p data-x='a>b'>", "<p title=\"<script>\">", "<p =\"x>y\">", "<p a=b\"c>",
      "<p <b>", "<script-x>", "<script.x>", "</script-x>", "<", ">", "'", "\"", "=", "/",
      "<scr", "ipt>", "<sty", "le>", "x</", "<script type=application/ld+json>", "&amp;",
      "&lt;script&gt;", "\n", " ", "&amp", ";", "<!-", "-", "/>", "<br/>", "<body>",
      "<noscript>", "</noscript>", "<frameset>", "<head>", "</head>", "<html>",
      "<meta charset=utf-8>", "<g>", "</g>", "<g/>", "<path d='x'>", "</path>", "<rect/>",
      "</scriptx>", "</stylex junk>", "</svgx>", "<svg/>", "</ script>", "</>", "<p/>",
  };
  static const char* const kWords[] = {
      "the", "harbour", "pier", "closed", "after", "inspectors", "found", "cracks",
      "boats", "were", "sent", "south", "on", "Monday", "said", "officials", "engineers"};
  std::string page;
  int parts = 20 + (*rng)() % 200;
  for (int i = 0; i < parts; ++i) {
    if ((*rng)() % 3 == 0) {
      page += kPieces[(*rng)() % (sizeof(kPieces) / sizeof(kPieces[0]))];
    } else {
      int words = 1 + (*rng)() % 12;
      for (int w = 0; w < words; ++w) {
        page += kWords[(*rng)() % (sizeof(kWords) / sizeof(kWords[0]))];
        page += ' ';
      }
    }
  }
  return page;
}

TEST(HtmlReaderTest, CuttingRawTextChangesNothing) {
  std::mt19937 rng(2025);
  HtmlReadOptions whole;
  whole.cut_raw_text = false;
  int compared = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string page = RandomPage(&rng);
    auto cut = ReadHtmlArticle(page, "random.html");
    auto full = ReadHtmlArticle(page, "random.html", whole);
    ASSERT_EQ(cut.ok(), full.ok()) << page;
    if (!cut.ok()) continue;
    ++compared;
    ASSERT_EQ(cut->blocks, full->blocks) << page;
    EXPECT_EQ(cut->meta.title, full->meta.title) << page;
    EXPECT_EQ(cut->meta.published, full->meta.published) << page;
  }
  EXPECT_GT(compared, 1000);
}

}  // namespace
}  // namespace vigil
