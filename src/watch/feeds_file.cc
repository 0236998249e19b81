// The feeds file (docs/FEEDS.md): one feed per line, a URL followed by
// optional key=value settings; '#' starts a comment.
//
//   https://example.org/world/rss.xml  outlet="Example News"  lang=en  keywords="strike, drone"

#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "base/utf8.h"
#include "vigil/watch.h"
#include "watch/ascii.h"

namespace vigil {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Splits |line| into whitespace-separated tokens; a double-quoted part keeps
// its spaces ("outlet=\"Example News\""; \" and \\ escape). Stops at an
// unquoted '#'. Returns false with |error| set on an unterminated quote.
bool Tokenize(std::string_view line, std::vector<std::string>* tokens, std::string* error) {
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && IsSpace(line[i])) ++i;
    if (i >= line.size() || line[i] == '#') break;
    std::string tok;
    while (i < line.size() && !IsSpace(line[i])) {
      if (line[i] == '"') {
        size_t open = i++;
        bool closed = false;
        while (i < line.size()) {
          if (line[i] == '\\' && i + 1 < line.size()) {
            tok.push_back(line[i + 1]);
            i += 2;
          } else if (line[i] == '"') {
            ++i;
            closed = true;
            break;
          } else {
            tok.push_back(line[i++]);
          }
        }
        if (!closed) {
          *error = "unterminated quote at column " + std::to_string(open + 1);
          return false;
        }
      } else {
        tok.push_back(line[i++]);
      }
    }
    tokens->push_back(std::move(tok));
  }
  return true;
}

}  // namespace

FeedsFile ParseFeedsFile(std::string_view text, const std::string& path) {
  FeedsFile out;
  std::set<std::string> urls;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.size() - pos
                                                                           : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    const std::string where = path + ":" + std::to_string(line_no);
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (FindInvalidUtf8(line) != std::string_view::npos) {
      out.errors.push_back(Status::InvalidInput("invalid UTF-8; line skipped", where));
      continue;
    }
    std::vector<std::string> tokens;
    std::string error;
    if (!Tokenize(line, &tokens, &error)) {
      out.errors.push_back(Status::InvalidInput(error + "; line skipped", where));
      continue;
    }
    if (tokens.empty()) continue;
    FeedSpec spec;
    spec.line = line_no;
    spec.url = tokens[0];
    std::string scheme = LowerAscii(spec.url.substr(0, 8));
    if (scheme.rfind("http://", 0) != 0 && scheme.rfind("https://", 0) != 0) {
      out.errors.push_back(Status::InvalidInput(
          "\"" + std::string(TruncateUtf8(spec.url, 80)) + "\" is not an http:// or https:// URL; line skipped",
          where));
      continue;
    }
    bool bad = false;
    for (size_t t = 1; t < tokens.size() && !bad; ++t) {
      size_t eq = tokens[t].find('=');
      if (eq == std::string::npos || eq == 0) {
        error = "expected key=value, found \"" + std::string(TruncateUtf8(tokens[t], 40)) + "\"";
        bad = true;
        break;
      }
      std::string key = LowerAscii(tokens[t].substr(0, eq));
      std::string value = tokens[t].substr(eq + 1);
      if (key == "outlet") {
        spec.outlet = std::string(TrimSpace(value));
      } else if (key == "lang" || key == "language") {
        spec.language = LowerAscii(TrimSpace(value));
        bool ok = !spec.language.empty() && spec.language.size() <= 16;
        for (char c : spec.language) ok = ok && (std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '_');
        if (!ok) {
          error = "lang must be a language tag such as en or es, found \"" + std::string(TruncateUtf8(value, 20)) + "\"";
          bad = true;
        }
      } else if (key == "keywords") {
        std::string_view rest = value;
        while (!rest.empty()) {
          size_t comma = rest.find(',');
          std::string kw = FoldCaseAndAccents(TrimSpace(rest.substr(0, comma)));
          if (!kw.empty()) spec.keywords.push_back(kw);
          if (comma == std::string_view::npos) break;
          rest.remove_prefix(comma + 1);
        }
      } else {
        error = "unknown key \"" + std::string(TruncateUtf8(key, 40)) + "\" (expected outlet, lang or keywords)";
        bad = true;
      }
    }
    if (bad) {
      out.errors.push_back(Status::InvalidInput(error + "; line skipped", where));
      continue;
    }
    if (!urls.insert(spec.url).second) {
      out.errors.push_back(Status::InvalidInput(
          "feed " + spec.url + " is listed twice; this line skipped", where));
      continue;
    }
    out.feeds.push_back(std::move(spec));
  }
  return out;
}

Result<FeedsFile> ReadFeedsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read the feeds file", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot read the feeds file", path);
  return ParseFeedsFile(ss.str(), path);
}

}  // namespace vigil
