// Plain-text documents: leading metadata lines and the split into blocks.
#ifndef VIGIL_SOURCE_TEXT_BLOCKS_H_
#define VIGIL_SOURCE_TEXT_BLOCKS_H_

#include <string>
#include <string_view>
#include <vector>

#include "vigil/document.h"

namespace vigil {

// Reads leading metadata lines of a plain-text document into |meta| and
// returns the body that follows. Lines are "key: value" or "key value" with
// keys date/published, title, url/link, outlet/source, author/by, lang. A
// date may be followed by body text on the same line
// (" date 2025-11-03 The administration ..."). Without a colon, only a date or
// a URL value is accepted on the first line, so that a body that starts with
// "Title IX ..." is not taken for metadata. A "date:" line whose value is no
// real date (31 February, year 99999) is dropped, and said so in |notes| (if
// not null), rather than kept as body text.
std::string_view ReadMetadataLines(std::string_view text, DocumentMeta* meta,
                                   std::vector<std::string>* notes = nullptr);

// The longest prefix of |v| (whole words, at most six) that is a date
// (NormalizeDate). Returns the ISO date and sets |*used| to the prefix
// length; "" when no prefix is one.
std::string DateAtStart(std::string_view v, size_t* used);

struct TextBlock {
  BlockKind kind = BlockKind::kBody;
  std::string text;
};

// Splits a plain-text body into blocks. Blank lines separate paragraphs; a
// single line break also ends a block unless the text is hard-wrapped (most
// lines of similar width, ending mid-sentence), in which case the lines of a
// paragraph are joined. The first block is a headline when it has no final
// punctuation and more text follows, or when it equals |title|. Lines that
// open with a list marker or a tracker date ("Oct. 27: ...") are list items;
// "Pictured: ..." and credit lines are captions.
std::vector<TextBlock> SplitTextBlocks(std::string_view body, std::string_view title);

}  // namespace vigil

#endif  // VIGIL_SOURCE_TEXT_BLOCKS_H_
