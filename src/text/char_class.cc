#include "text/char_class.h"

namespace vigil::text_internal {

namespace {

// Latin-1 Supplement, U+0080..U+00FF.
CodePointClass ClassifyLatin1(char32_t cp) {
  if (cp == 0x85) return kCpNewline;
  if (cp < 0xA1) return kCpSpace;  // C1 controls and NBSP
  if (cp >= 0xC0) {
    if (cp == 0xD7 || cp == 0xF7) return kCpSymbol;  // × ÷
    return cp <= 0xDE ? kCpUpper : kCpLower;
  }
  switch (cp) {
    case 0xAA:
    case 0xB5:
    case 0xBA:  // ª µ º
    case 0xAD:  // soft hyphen: invisible, stays inside the word it breaks
      return kCpLower;
    case 0xA1:
    case 0xA7:
    case 0xAB:
    case 0xB6:
    case 0xB7:
    case 0xBB:
    case 0xBF:  // ¡ § « ¶ · » ¿
      return kCpPunct;
    default:
      return kCpSymbol;  // ¢ £ ¥ © ® ° ± ² ...
  }
}

// Latin Extended-A, U+0100..U+017F: pairs of upper/lower, with the parity
// flipping in two stretches.
CodePointClass ClassifyLatinExtA(char32_t cp) {
  bool odd = cp & 1;
  if (cp <= 0x137) return odd ? kCpLower : kCpUpper;
  if (cp == 0x138) return kCpLower;
  if (cp <= 0x148) return odd ? kCpUpper : kCpLower;
  if (cp == 0x149) return kCpLower;
  if (cp <= 0x177) return odd ? kCpLower : kCpUpper;
  if (cp == 0x178) return kCpUpper;
  if (cp <= 0x17E) return odd ? kCpUpper : kCpLower;
  return kCpLower;
}

// General Punctuation, U+2000..U+206F.
CodePointClass ClassifyGeneralPunct(char32_t cp) {
  if (cp <= 0x200F) return kCpSpace;    // spaces, zero-width, LRM/RLM
  if (cp <= 0x2027) return kCpPunct;    // dashes, quotes, dagger, bullet, …
  if (cp <= 0x2029) return kCpNewline;  // line and paragraph separators
  if (cp <= 0x202F) return kCpSpace;    // bidi controls, narrow NBSP
  if (cp == 0x2030 || cp == 0x2031) return kCpSymbol;  // ‰ ‱
  if (cp == 0x205F) return kCpSpace;
  if (cp >= 0x2060) return kCpSpace;  // word joiner, invisible operators
  return kCpPunct;                    // primes, ‹ ›, ‼, ⁇ ...
}

}  // namespace

CodePointClass ClassifyCodePoint(char32_t cp) {
  if (cp < 0x100) return ClassifyLatin1(cp);
  if (cp < 0x180) return ClassifyLatinExtA(cp);
  if (cp < 0x250) {
    // Latin Extended-B: the Romanian and Croatian letters (U+0200..U+024F)
    // alternate upper/lower; the older block is mostly lower case or mixed.
    if (cp >= 0x200) return (cp & 1) ? kCpLower : kCpUpper;
    return kCpLower;
  }
  if (cp < 0x370) return kCpLower;  // IPA, modifier letters, combining marks
  if (cp < 0x400) {                 // Greek
    if (cp == 0x37E || cp == 0x387) return kCpPunct;
    if (cp == 0x386 || (cp >= 0x388 && cp <= 0x38F) ||
        (cp >= 0x391 && cp <= 0x3AB))
      return kCpUpper;
    return kCpLower;
  }
  if (cp < 0x530) {  // Cyrillic and supplement
    if (cp < 0x430) return kCpUpper;
    if (cp < 0x460) return kCpLower;
    if (cp >= 0x482 && cp <= 0x489) return kCpSymbol;
    return (cp & 1) ? kCpLower : kCpUpper;
  }
  if (cp < 0x2000) {
    // Armenian .. Greek Extended. The few punctuation marks of those scripts
    // that end sentences or join words are listed; the rest are letters.
    switch (cp) {
      case 0x589:
      case 0x5BE:
      case 0x5C0:
      case 0x5C3:
      case 0x60C:
      case 0x61B:
      case 0x61F:
      case 0x6D4:
      case 0x964:
      case 0x965:
        return kCpPunct;
      default:
        break;
    }
    if (cp >= 0x1E00 && cp < 0x1F00) return (cp & 1) ? kCpLower : kCpUpper;
    return kCpLower;
  }
  if (cp < 0x2070) return ClassifyGeneralPunct(cp);
  if (cp < 0x2C00)
    return kCpSymbol;                 // currency, letterlike, arrows, math,
                                      // box drawing, shapes, dingbats
  if (cp < 0x2E00) return kCpLower;   // Glagolitic, Latin Ext-C, Coptic ...
  if (cp < 0x2E80) return kCpPunct;   // Supplemental Punctuation
  if (cp < 0x3000) return kCpLower;   // CJK radicals
  if (cp == 0x3000) return kCpSpace;  // ideographic space
  if (cp < 0x3040) return kCpPunct;   // CJK punctuation 、。「」
  if (cp < 0xD800) return kCpLower;   // kana, CJK, Hangul ...
  if (cp < 0xF900) return kCpSymbol;  // private use
  if (cp < 0xFE00) return kCpLower;   // compatibility ideographs, Arabic forms
  if (cp < 0xFE10) return kCpSpace;   // variation selectors
  if (cp < 0xFE70) return kCpPunct;   // vertical and small forms
  if (cp < 0xFEFF) return kCpLower;   // Arabic presentation forms B
  if (cp == 0xFEFF) return kCpSpace;  // BOM / zero-width no-break space
  if (cp < 0xFFF0) {                  // half- and full-width forms
    if (cp >= 0xFF21 && cp <= 0xFF3A) return kCpUpper;
    if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF41 && cp <= 0xFF5A) ||
        (cp >= 0xFF66 && cp <= 0xFFDC))
      return kCpLower;
    if (cp >= 0xFFE0) return kCpSymbol;
    return kCpPunct;
  }
  if (cp < 0x10000) return kCpSymbol;                   // specials, U+FFFD
  if (cp >= 0x1F000 && cp < 0x1FC00) return kCpSymbol;  // emoji, symbols
  if (cp >= 0xE0000 && cp < 0xE0200) return kCpSpace;   // tags, selectors
  if (cp >= 0xF0000) return kCpSymbol;                  // private use
  return kCpLower;
}

}  // namespace vigil::text_internal
