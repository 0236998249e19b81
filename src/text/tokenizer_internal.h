// Internal entry points of the tokenizer, shared with the sentence splitter.
#ifndef VIGIL_TEXT_TOKENIZER_INTERNAL_H_
#define VIGIL_TEXT_TOKENIZER_INTERNAL_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "vigil/text.h"

namespace vigil::text_internal {

// Appends the tokens of |text|[|begin|, |end|) to |out|. No token extends
// outside the range; offsets are relative to |text|. The space and line-break
// flags of the first token look at the bytes before |begin|.
void TokenizeRange(std::string_view text, size_t begin, size_t end,
                   std::vector<Token>* out);

// A capacity for the token vector of |bytes| bytes of English prose that is
// rarely exceeded (news text averages five to six bytes per token).
inline size_t TokenCapacityHint(size_t bytes) { return bytes / 4 + 16; }

}  // namespace vigil::text_internal

#endif  // VIGIL_TEXT_TOKENIZER_INTERNAL_H_
