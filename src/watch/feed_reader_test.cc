#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "base/utf8.h"
#include "vigil/watch.h"
#include "watch/robots.h"

namespace vigil {
namespace {

constexpr char kBase[] = "https://news.example.org/feeds/world.xml";

TEST(ParseFeed, Rss2) {
  const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
 <channel>
  <title>Example World</title>
  <link>https://news.example.org/</link>
  <language>en-us</language>
  <item>
   <title>Strike reported off &lt;Venezuela&gt;</title>
   <link>/2025/09/02/strike.html</link>
   <guid isPermaLink="false">story-1</guid>
   <description><![CDATA[<p>Eleven <b>killed</b>, officials said.</p>]]></description>
   <pubDate>Tue, 02 Sep 2025 18:30:00 GMT</pubDate>
   <dc:creator>A. Reporter</dc:creator>
   <category>Americas</category>
  </item>
  <item>
   <title>Second item</title>
   <guid>https://news.example.org/2025/09/15/second.html</guid>
   <dc:date>2025-09-15T10:00:00Z</dc:date>
  </item>
 </channel>
</rss>)";
  auto feed = ParseFeed(xml, kBase);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->format, "rss");
  EXPECT_EQ(feed->title, "Example World");
  EXPECT_EQ(feed->language, "en-us");
  ASSERT_EQ(feed->items.size(), 2u);
  const FeedItem& a = feed->items[0];
  EXPECT_EQ(a.title, "Strike reported off <Venezuela>");
  EXPECT_EQ(a.link, "https://news.example.org/2025/09/02/strike.html");
  EXPECT_EQ(a.guid, "story-1");
  EXPECT_EQ(a.summary, "Eleven killed , officials said.");
  EXPECT_EQ(a.published.substr(0, 10), "2025-09-02");
  EXPECT_EQ(a.author, "A. Reporter");
  ASSERT_EQ(a.categories.size(), 1u);
  // A permalink guid is the link when there is no <link>.
  const FeedItem& b = feed->items[1];
  EXPECT_EQ(b.link, "https://news.example.org/2025/09/15/second.html");
  EXPECT_EQ(b.published.substr(0, 10), "2025-09-15");
  EXPECT_TRUE(feed->notes.empty());
}

TEST(ParseFeed, Atom) {
  const char* xml = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es" xml:base="https://es.example.org/">
  <title type="html">Noticias &amp;amp; m&#xE1;s</title>
  <link rel="self" href="https://es.example.org/atom.xml"/>
  <link rel="alternate" href="https://es.example.org/"/>
  <entry>
    <id>tag:es.example.org,2025:1</id>
    <title>Sheinbaum rechaza</title>
    <link rel="enclosure" href="/img/1.jpg"/>
    <link rel="alternate" type="text/html" href="noticias/1.html"/>
    <updated>2025-11-04T12:00:00Z</updated>
    <published>2025-11-04T09:00:00-06:00</published>
    <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">La <em>presidenta</em> dijo</div></summary>
    <author><name>Redacción</name></author>
    <category term="mexico" label="México"/>
  </entry>
  <entry>
    <id>tag:es.example.org,2025:2</id>
    <title>Sin fecha de publicación</title>
    <link href="https://es.example.org/noticias/2.html"/>
    <updated>2025-11-05T12:00:00Z</updated>
  </entry>
</feed>)";
  auto feed = ParseFeed(xml, "https://es.example.org/atom.xml");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->format, "atom");
  EXPECT_EQ(feed->title, "Noticias & más");
  EXPECT_EQ(feed->language, "es");
  ASSERT_EQ(feed->items.size(), 2u);
  EXPECT_EQ(feed->items[0].guid, "tag:es.example.org,2025:1");
  EXPECT_EQ(feed->items[0].link, "https://es.example.org/noticias/1.html");
  EXPECT_EQ(feed->items[0].summary, "La presidenta dijo");
  EXPECT_EQ(feed->items[0].published.substr(0, 10), "2025-11-04");
  EXPECT_EQ(feed->items[0].author, "Redacción");
  EXPECT_EQ(feed->items[0].categories.at(0), "México");
  EXPECT_EQ(feed->items[1].published.substr(0, 10), "2025-11-05");  // from <updated>
}

TEST(ParseFeed, Rss1Rdf) {
  const char* xml = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.org/"><title>RDF news</title></channel>
  <item rdf:about="https://rdf.example.org/a">
    <title>One</title><link>https://rdf.example.org/a</link><dc:date>2025-10-01</dc:date>
  </item>
</rdf:RDF>)";
  auto feed = ParseFeed(xml, "https://rdf.example.org/index.rdf");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->format, "rdf");
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].guid, "https://rdf.example.org/a");
  EXPECT_EQ(feed->items[0].link, "https://rdf.example.org/a");
  EXPECT_EQ(feed->items[0].published, "2025-10-01");
}

TEST(ParseFeed, JsonFeed) {
  const char* json = R"({
    "version": "https://jsonfeed.org/version/1.1",
    "title": "JSON news", "home_page_url": "https://j.example.org/", "language": "en",
    "items": [
      {"id": "1", "url": "https://j.example.org/1", "title": "First",
       "content_html": "<p>Three &amp; four</p>", "date_published": "2025-11-01T08:00:00Z",
       "authors": [{"name": "Desk"}], "tags": ["boats"]},
      {"id": 2, "external_url": "/2", "summary": "Second"},
      "not an object"
    ]})";
  auto feed = ParseFeed(json, "https://j.example.org/feed.json");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->format, "json");
  EXPECT_EQ(feed->title, "JSON news");
  ASSERT_EQ(feed->items.size(), 2u);
  EXPECT_EQ(feed->items[0].summary, "Three & four");
  EXPECT_EQ(feed->items[0].published.substr(0, 10), "2025-11-01");
  EXPECT_EQ(feed->items[0].author, "Desk");
  EXPECT_EQ(feed->items[1].guid, "2");
  EXPECT_EQ(feed->items[1].link, "https://j.example.org/2");
  EXPECT_EQ(feed->notes.size(), 1u);  // the non-object item
}

TEST(ParseFeed, RecoversBareAmpersandAndHtmlEntities) {
  const char* xml = R"(<rss version="2.0"><channel><title>AT&T & Q&A</title>
<item><title>Strikes&nbsp;&mdash; day two</title><link>https://x.example/a?b=1&c=2</link></item>
</channel></rss>)";
  auto feed = ParseFeed(xml, kBase);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "AT&T & Q&A");
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].title, "Strikes\u00a0\u2014 day two");
  EXPECT_EQ(feed->items[0].link, "https://x.example/a?b=1&c=2");
  ASSERT_FALSE(feed->notes.empty());
  EXPECT_NE(feed->notes[0].find("bare '&'"), std::string::npos);
}

TEST(ParseFeed, RecoversMalformedXml) {
  // Unclosed <item>, a mismatched tag and a truncated end: the first item
  // is still read, and the repair is noted.
  const char* xml = R"(<rss version="2.0"><channel><title>Broken</title>
<item><title>Kept</title><link>https://x.example/kept</link></item>
<item><title>Unclosed <b>bold</title><link>https://x.example/second</link>
</channel>)";
  auto feed = ParseFeed(xml, kBase);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  ASSERT_GE(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].link, "https://x.example/kept");
  bool noted = false;
  for (const auto& n : feed->notes) noted = noted || n.find("malformed XML") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(ParseFeed, RepairsInvalidUtf8) {
  std::string xml = "<rss version=\"2.0\"><channel><title>Caf\xE9 \xFF</title></channel></rss>";
  auto feed = ParseFeed(xml, kBase);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "Caf\uFFFD \uFFFD");
}

TEST(ParseFeed, DeclaredLatin1WithNamedEntities) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel>"
      "<title>Caf\xE9&nbsp;&mdash; &lt;b&gt; AT&T</title></channel></rss>";
  auto feed = ParseFeed(xml, kBase);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  // The title is read as HTML (RSS titles may be escaped markup): <b> goes.
  EXPECT_EQ(feed->title, "Caf\u00e9\u00a0\u2014 AT&T");
}

TEST(ParseFeed, BillionLaughsIsNotExpanded) {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n";
  xml += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    xml += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) xml += "&lol" + std::to_string(i - 1) + ";";
    xml += "\">\n";
  }
  xml += "]>\n<rss version=\"2.0\"><channel><title>T &lol9;</title>"
         "<item><title>&lol9;&lol9;</title><link>https://x.example/a</link></item>"
         "</channel></rss>";
  auto start = std::chrono::steady_clock::now();
  auto feed = ParseFeed(xml, kBase);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 2.0);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "T");
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].title, "");
  EXPECT_EQ(feed->items[0].link, "https://x.example/a");
}

TEST(ParseFeed, ExternalEntitiesAreNotFetched) {
  const char* xml = R"(<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY local SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "http://127.0.0.1:1/evil.dtd">
  <!ENTITY % pe SYSTEM "http://127.0.0.1:1/pe.dtd"> %pe;
]>
<rss version="2.0"><channel><title>A&local;B&remote;C</title></channel></rss>)";
  auto feed = ParseFeed(xml, kBase);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "ABC");
  EXPECT_EQ(feed->title.find("root:"), std::string::npos);
}

// The same, proved rather than assumed: a DTD file on disk that would
// define the entities, and a listener on a loopback port that the external
// DTD, an external entity and a parameter entity all point at. Nothing from
// the file appears in the feed and no connection reaches the listener.
TEST(ParseFeed, ExternalDtdFileAndUrlAreNeitherReadNorFetched) {
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(listener, 16), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  ::fcntl(listener, F_SETFL, O_NONBLOCK);

  namespace fs = std::filesystem;
  fs::path dtd = fs::temp_directory_path() /
                 ("vigil-feed-test-" + std::to_string(::getpid()) + ".dtd");
  {
    std::ofstream out(dtd);
    out << "<!ENTITY leak \"LEAKED-FROM-FILE\">\n<!ENTITY % inner \"<!ENTITY leak2 'LEAKED2'>\">%inner;\n";
  }
  const std::string file_url = "file://" + dtd.string();
  for (const std::string& doctype :
       {"<!DOCTYPE rss SYSTEM \"" + file_url + "\">",
        "<!DOCTYPE rss SYSTEM \"" + url + "/feed.dtd\">",
        "<!DOCTYPE rss [ <!ENTITY % f SYSTEM \"" + file_url + "\"> %f; "
        "<!ENTITY net SYSTEM \"" + url + "/entity\"> "
        "<!ENTITY % p SYSTEM \"" + url + "/param.dtd\"> %p; ]>"}) {
    std::string xml = "<?xml version=\"1.0\"?>\n" + doctype +
                      "\n<rss version=\"2.0\"><channel><title>A&leak;B&leak2;C&net;D</title>"
                      "<item><title>x&leak;</title><link>https://x.example/a</link></item>"
                      "</channel></rss>";
    auto feed = ParseFeed(xml, kBase);
    ASSERT_TRUE(feed.ok()) << feed.status().ToString();
    EXPECT_EQ(feed->title, "ABCD") << doctype;
    ASSERT_EQ(feed->items.size(), 1u);
    EXPECT_EQ(feed->items[0].title, "x");
  }
  fs::remove(dtd);
  int conn = ::accept(listener, nullptr, nullptr);
  EXPECT_LT(conn, 0) << "the parser connected to " << url;
  if (conn >= 0) ::close(conn);
  ::close(listener);
}

TEST(ParseFeed, RefusesWhatIsNotAFeed) {
  auto html = ParseFeed("<!DOCTYPE html><html><body><p>Hi</p></body></html>", kBase);
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.status().message().find("HTML page"), std::string::npos);
  EXPECT_EQ(html.status().where(), kBase);
  EXPECT_FALSE(ParseFeed("", kBase).ok());
  EXPECT_FALSE(ParseFeed("   \n", kBase).ok());
  EXPECT_FALSE(ParseFeed("just text", kBase).ok());
  EXPECT_FALSE(ParseFeed("{\"items\": []}", kBase).ok());  // no JSON Feed version
  EXPECT_FALSE(ParseFeed("{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [",
                         kBase).ok());
  EXPECT_FALSE(ParseFeed("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", kBase).ok());
  EXPECT_FALSE(ParseFeed("<", kBase).ok());
}

TEST(ParseFeed, DeepNestingAndHugeNumbersInJson) {
  std::string deep = "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [";
  for (int i = 0; i < 5000; ++i) deep += "[";
  auto feed = ParseFeed(deep, kBase);
  EXPECT_FALSE(feed.ok());
  auto big = ParseFeed(
      "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": "
      "[{\"id\": 123456789012345678901234567890, \"url\": \"https://x.example/1\"}]}",
      kBase);
  // Either a clear error or the item without an id: never a crash.
  if (big.ok()) {
    EXPECT_LE(big->items.size(), 1u);
  }
}

TEST(ParseFeed, OnlyHttpLinks) {
  const char* xml = R"(<rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>javascript:alert(1)</link></item>
<item><title>b</title><link>ftp://x.example/b</link></item>
</channel></rss>)";
  auto feed = ParseFeed(xml, kBase);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->items.size(), 2u);
  EXPECT_EQ(feed->items[0].link, "");
  EXPECT_EQ(feed->items[1].link, "");
}

// Random damage to well-formed feeds (flipped, dropped and repeated bytes,
// truncation): ParseFeed never crashes, and whatever it returns is valid
// UTF-8 with only http(s) links. A stand-in for the libFuzzer target until
// the fuzz harness is merged; it also runs under the sanitizers.
TEST(ParseFeed, SurvivesRandomDamage) {
  const std::string seeds[] = {
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T &amp; U</title>"
      "<item><guid>1</guid><link>https://a.example/1</link><title>One &mdash; x</title>"
      "<description><![CDATA[<p>Body &amp; more</p>]]></description>"
      "<pubDate>Tue, 02 Sep 2025 18:30:00 GMT</pubDate></item></channel></rss>",
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://b.example/\">"
      "<title type=\"html\">A &lt;b&gt;B&lt;/b&gt;</title><entry><id>x</id>"
      "<link href=\"rel/1\"/><summary type=\"xhtml\"><div>S</div></summary>"
      "<updated>2025-11-05T12:00:00Z</updated></entry></feed>",
      "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\", \"items\": "
      "[{\"id\": \"1\", \"url\": \"https://c.example/1\", \"content_html\": \"<p>a &amp; b</p>\","
      " \"tags\": [\"t\"], \"authors\": [{\"name\": \"N\"}]}]}",
  };
  std::mt19937 rng(20251123);
  auto check = [](const std::string& s) { EXPECT_EQ(FindInvalidUtf8(s), std::string::npos); };
  int parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string bytes = seeds[round % 3];
    int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !bytes.empty(); ++e) {
      size_t at = rng() % bytes.size();
      switch (rng() % 5) {
        case 0: bytes[at] = static_cast<char>(rng() & 0xFF); break;
        case 1: bytes.erase(at, 1 + rng() % 8); break;
        case 2: bytes.insert(at, bytes.substr(at, rng() % 16)); break;
        case 3: bytes.insert(at, 1, "<>&;\"'/#["[rng() % 10]); break;
        case 4: bytes.resize(at); break;
      }
    }
    auto feed = ParseFeed(bytes, "https://seed.example/feed");
    if (!feed.ok()) {
      EXPECT_FALSE(feed.status().message().empty());
      continue;
    }
    ++parsed;
    check(feed->title);
    check(feed->link);
    for (const FeedItem& it : feed->items) {
      for (const std::string* s : {&it.guid, &it.link, &it.title, &it.summary, &it.author})
        check(*s);
      EXPECT_TRUE(it.link.empty() || it.link.rfind("http", 0) == 0) << it.link;
    }
  }
  EXPECT_GT(parsed, 100);
}

TEST(FeedsFile, ParsesEntriesAndNamesBadLines) {
  const char* text =
      "# comment\n"
      "https://a.example/rss\n"
      "\n"
      "https://b.example/atom.xml  outlet=\"Example News\" lang=ES keywords=\"Strike, Drone , MICHOAC\xc3\x81N\"  # tail\n"
      "ftp://c.example/feed\n"
      "https://d.example/x unknown=1\n"
      "https://e.example/x outlet=\"unterminated\n"
      "https://a.example/rss\n"
      "https://f.example/x lang=e$\n";
  FeedsFile f = ParseFeedsFile(text, "feeds.txt");
  ASSERT_EQ(f.feeds.size(), 2u);
  EXPECT_EQ(f.feeds[0].url, "https://a.example/rss");
  EXPECT_EQ(f.feeds[0].line, 2);
  EXPECT_EQ(f.feeds[1].outlet, "Example News");
  EXPECT_EQ(f.feeds[1].language, "es");
  // Keywords are case-folded with accents stripped, like the text they are
  // looked for in.
  ASSERT_EQ(f.feeds[1].keywords.size(), 3u);
  EXPECT_EQ(f.feeds[1].keywords[0], "strike");
  EXPECT_EQ(f.feeds[1].keywords[1], "drone");
  EXPECT_EQ(f.feeds[1].keywords[2], "michoacan");
  ASSERT_EQ(f.errors.size(), 5u);
  EXPECT_EQ(f.errors[0].where(), "feeds.txt:5");
  EXPECT_NE(f.errors[0].message().find("not an http"), std::string::npos);
  EXPECT_EQ(f.errors[1].where(), "feeds.txt:6");
  EXPECT_NE(f.errors[1].message().find("unknown key"), std::string::npos);
  EXPECT_EQ(f.errors[2].where(), "feeds.txt:7");
  EXPECT_NE(f.errors[2].message().find("unterminated quote"), std::string::npos);
  EXPECT_EQ(f.errors[3].where(), "feeds.txt:8");
  EXPECT_NE(f.errors[3].message().find("listed twice"), std::string::npos);
  EXPECT_EQ(f.errors[4].where(), "feeds.txt:9");
}

TEST(FeedsFile, TheSampleInExamplesReads) {
  auto f = ReadFeedsFile(std::string(VIGIL_SOURCE_DIR) + "/examples/systemd/feeds.txt");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_TRUE(f->errors.empty());
  ASSERT_EQ(f->feeds.size(), 3u);
  EXPECT_EQ(f->feeds[2].keywords.size(), 3u);
  EXPECT_FALSE(ReadFeedsFile("/nonexistent/feeds.txt").ok());
}

TEST(Robots, GroupsAndLongestMatch) {
  const char* txt =
      "User-agent: *\n"
      "Disallow: /private/\n"
      "Allow: /private/open/\n"
      "Disallow: /*.pdf$\n"
      "\n"
      "User-agent: OtherBot\n"
      "Disallow: /\n";
  RobotsRules r = RobotsRules::Parse(txt, "Vigil");
  EXPECT_TRUE(r.Allowed("/news/1.html"));
  EXPECT_FALSE(r.Allowed("/private/x"));
  EXPECT_TRUE(r.Allowed("/private/open/x"));
  EXPECT_FALSE(r.Allowed("/files/a.pdf"));
  EXPECT_TRUE(r.Allowed("/files/a.pdf?x=1"));
  EXPECT_TRUE(r.Allowed("/robots.txt"));
}

TEST(Robots, NamedGroupWinsOverStar) {
  const char* txt =
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: vigil\nUser-agent: another\nDisallow: /no/\nCrawl-delay: 2.5\n";
  RobotsRules r = RobotsRules::Parse(txt, "Vigil");
  EXPECT_TRUE(r.Allowed("/yes"));
  EXPECT_FALSE(r.Allowed("/no/x"));
  EXPECT_DOUBLE_EQ(r.crawl_delay(), 2.5);
  EXPECT_FALSE(RobotsRules::DisallowAll().Allowed("/a"));
  EXPECT_TRUE(RobotsRules::AllowAll().Allowed("/a"));
  EXPECT_TRUE(RobotsRules::Parse("Disallow: /\n", "vigil").Allowed("/a"));  // no group
  EXPECT_TRUE(RobotsRules::Parse("User-agent: *\nDisallow:\n", "vigil").Allowed("/a"));
}

TEST(Robots, HostilePatternsStayFast) {
  std::string txt = "User-agent: *\nDisallow: /";
  for (int i = 0; i < 200; ++i) txt += "*a";
  txt += "$\n";
  RobotsRules r = RobotsRules::Parse(txt, "vigil");
  std::string path = "/" + std::string(5000, 'a') + "b";
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(r.Allowed(path));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 2.0);
}

TEST(ContentTypeCharset, ReadsTheParameter) {
  EXPECT_EQ(ContentTypeCharset("text/html; charset=UTF-8"), "utf-8");
  EXPECT_EQ(ContentTypeCharset("text/html;charset=\"ISO-8859-1\""), "iso-8859-1");
  EXPECT_EQ(ContentTypeCharset("text/html ; Charset = windows-1252 ; q=1"), "windows-1252");
  EXPECT_EQ(ContentTypeCharset("text/html"), "");
  EXPECT_EQ(ContentTypeCharset(""), "");
  EXPECT_EQ(ContentTypeCharset("charset=utf-8"), "");  // not a parameter
  EXPECT_EQ(ContentTypeCharset("text/html; x-charset=utf-8"), "");
  EXPECT_EQ(ContentTypeCharset("text/html; charset=a<b"), "a");
  EXPECT_EQ(ContentTypeCharset("text/html; charset=" + std::string(100, 'a')).size(), 40u);
}

}  // namespace
}  // namespace vigil
