// A streaming JSON writer: appends compact JSON to a string, escaping text
// and replacing invalid UTF-8 with U+FFFD. Used on hot paths (mentions are
// written for every document) where a DOM would cost more than extraction.
#ifndef VIGIL_BASE_JSON_WRITER_H_
#define VIGIL_BASE_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // Writes an object key; the next value call writes its value.
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view s);
  JsonWriter& Int(int64_t v);
  // Integral values print without a fraction ("64"); others in the
  // shortest form that reads back exactly. NaN and infinities print null.
  JsonWriter& Double(double v);
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  // A value already serialised as JSON by a trusted writer (null if empty).
  JsonWriter& Raw(std::string_view json);
  // A string, or null when |s| is empty.
  JsonWriter& StringOrNull(std::string_view s) { return s.empty() ? Null() : String(s); }

 private:
  void Separate();

  std::string* out_;
  std::vector<bool> has_items_;  // per open container
  bool after_key_ = false;
};

// Appends |s| to |out| as a JSON string literal.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace vigil

#endif  // VIGIL_BASE_JSON_WRITER_H_
