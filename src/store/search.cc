// Full-text search: keeping the FTS5 index in step with the documents, and
// turning what a user typed into an FTS5 query that cannot be a syntax
// error (every word becomes a quoted string; FTS5 operators typed by the
// user are plain words).

#include "store/search.h"

#include <string>
#include <vector>

#include "base/utf8.h"
#include "store/sqlite_util.h"
#include "vigil/store.h"

namespace vigil {

Status IndexDocumentText(sqlite3* db, int64_t doc_id, std::string_view title,
                         std::string_view text, std::span<const Sentence> sentences) {
  // Prepared per document: a few microseconds against the hundreds the
  // sentences' index entries take.
  Statement ins(db, "INSERT INTO text_search(rowid, text) VALUES(?1, ?2)");
  VIGIL_RETURN_IF_ERROR(ins.PrepareStatus());
  const int64_t base = doc_id << 24;
  if (!title.empty()) {
    ins.Bind(1, base).Bind(2, title);
    VIGIL_RETURN_IF_ERROR(ins.Run());
  }
  int64_t idx = 0;
  for (const Sentence& s : sentences) {
    if (idx >= kSearchMaxSentences) break;
    if (s.end <= text.size() && s.begin < s.end) {
      ins.Bind(1, base + idx + 1).Bind(2, text.substr(s.begin, s.end - s.begin));
      VIGIL_RETURN_IF_ERROR(ins.Run());
    }
    ++idx;
  }
  return Status::Ok();
}

namespace {

// A term can match only if the tokenizer finds a token in it: an ASCII
// letter or digit, or any non-ASCII character (letters of other scripts).
bool HasWordCharacter(std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z'))
      return true;
  }
  return false;
}

// Spaces and every other control character separate words. A NUL must never
// reach FTS5: it reads the expression only up to the first NUL, so a quoted
// word holding one is an unterminated string (a syntax error, not a search).
bool IsSpace(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u <= ' ' || u == 0x7f;
}

// |s| as an FTS5 string: in double quotes, a quote inside doubled, a
// control character (in a phrase) a space.
std::string Quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += IsSpace(c) ? ' ' : c;
  }
  out += '"';
  return out;
}

}  // namespace

Result<std::string> SearchExpression(std::string_view typed) {
  if (FindInvalidUtf8(typed) != std::string_view::npos)
    return Status::InvalidInput("the search is not valid UTF-8");
  std::vector<std::string> include, exclude;
  size_t i = 0;
  while (i < typed.size()) {
    if (IsSpace(typed[i])) {
      ++i;
      continue;
    }
    bool negative = false;
    if (typed[i] == '-' && i + 1 < typed.size() && !IsSpace(typed[i + 1])) {
      negative = true;
      ++i;
    }
    std::string_view term;
    bool prefix = false;
    if (typed[i] == '"') {
      // A phrase: up to the closing quote, or the end when there is none.
      size_t close = typed.find('"', i + 1);
      size_t end = close == std::string_view::npos ? typed.size() : close;
      term = typed.substr(i + 1, end - i - 1);
      i = close == std::string_view::npos ? typed.size() : close + 1;
    } else {
      size_t end = i;
      while (end < typed.size() && !IsSpace(typed[end])) ++end;
      term = typed.substr(i, end - i);
      i = end;
      // "strik*": every word starting with "strik".
      while (!term.empty() && term.back() == '*') {
        term.remove_suffix(1);
        prefix = true;
      }
    }
    if (!HasWordCharacter(term)) continue;  // "-", "*", "..." find nothing
    (negative ? exclude : include).push_back(Quoted(term) + (prefix ? "*" : ""));
  }
  if (include.empty())
    return Status::InvalidInput(exclude.empty()
                                    ? "the search has no word to look for (letters or digits)"
                                    : "the search needs a word to look for; -word only excludes");
  if (include.size() + exclude.size() > 32)
    return Status::InvalidInput("the search has more than 32 words");
  std::string expr = "(";
  for (size_t k = 0; k < include.size(); ++k) expr += (k ? " " : "") + include[k];
  expr += ")";
  for (const std::string& e : exclude) expr += " NOT " + e;
  return expr;
}

}  // namespace vigil
