// The HTML reader of the source stage: finds the article in a news page and
// returns its metadata and its text as blocks in reading order.
//
// The page is parsed with libxml2's HTML parser (recovering, no network, no
// error output); the main content is chosen by a text-density / link-density
// heuristic that prefers <article>, [itemprop=articleBody] and role=main
// when they hold the article's paragraphs. Navigation, related links,
// newsletter prompts, cookie banners, scripts and similar boilerplate are
// dropped. The rules are described where they are implemented, in
// html_reader.cc.
#ifndef VIGIL_SOURCE_HTML_READER_H_
#define VIGIL_SOURCE_HTML_READER_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vigil/document.h"
#include "vigil/status.h"

namespace vigil {

struct HtmlArticle {
  DocumentMeta meta;  // title, url (canonical), outlet, author, published, lang
  std::vector<std::pair<BlockKind, std::string>> blocks;  // in reading order
  std::vector<std::string> notes;  // non-fatal findings
};

// Extracts the main article of |html|. |origin| names the file for messages.
// Returns InvalidInput when no article text can be found (empty input, binary
// data, a page without body text). Every string returned is valid UTF-8 with
// whitespace collapsed. Safe to call from several threads at once; never
// prints.
Result<HtmlArticle> ReadHtmlArticle(std::string_view html, std::string_view origin);

// Switches for tests; ReadHtmlArticle above uses the defaults.
struct HtmlReadOptions {
  // Cut the bodies of script, style and svg elements and comments before
  // parsing: a speed-up that must not change the result.
  bool cut_raw_text = true;
  // The character set the transport declared (an HTTP Content-Type's
  // charset): it outranks the page's own <meta> declaration, as in a
  // browser. Empty: the page's declaration, or libxml2's guess.
  std::string charset;
};

Result<HtmlArticle> ReadHtmlArticle(std::string_view html, std::string_view origin,
                                    const HtmlReadOptions& options);

}  // namespace vigil

#endif  // VIGIL_SOURCE_HTML_READER_H_
