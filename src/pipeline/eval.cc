// vigil eval: aligns predicted event mentions with gold ones (same type, the
// predicted sentence contains the gold snippet) and counts, per field:
//   aligned pair, gold has a value:   equal -> TP; predicted empty -> FN;
//                                     different -> FP and FN
//   aligned pair, gold says null:     predicted value -> FP
//   unaligned prediction:             each predicted value -> FP
//   unaligned gold event:             each gold value -> FN
// "event" itself counts aligned pairs (TP), unaligned predictions (FP) and
// unaligned gold events (FN). Booleans count "true" as a value.

#include "vigil/eval.h"

#include <dirent.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "vigil/source.h"

namespace vigil {

namespace {

using Json = nlohmann::json;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A predicted field value as JSON (null when absent), comparable with gold.
struct Predicted {
  std::string sentence;
  std::string type;
  Json fields;  // field -> value or null
};

Json FigureValue(const std::optional<Figure>& f) { return f ? Json(f->value) : Json(); }

Predicted MakePredicted(const Document& doc, const Mentions& m, const EventMention& e) {
  Predicted p;
  p.sentence = doc.text.substr(e.span.begin, e.span.end - e.span.begin);
  p.type = e.type;
  Json& f = p.fields;
  f["type"] = e.type;
  f["mode"] = e.mode.empty() ? Json() : Json(e.mode);
  f["status"] = EventStatusName(e.status);
  f["generic"] = e.generic;
  f["running_total"] = e.running_total;
  f["place"] = Json();
  if (e.place >= 0) {
    const PlaceMention& pm = m.places[e.place];
    f["place"] = pm.name;
    f["place_id"] = pm.place_id;
    // The words in the text: gold may name a place as the report does
    // ("Acapulco" for the gazetteer's "Acapulco de Juárez").
    if (pm.span.end > pm.span.begin && pm.span.end <= doc.text.size())
      f["place_text"] = doc.text.substr(pm.span.begin, pm.span.end - pm.span.begin);
  }
  f["date"] = Json();
  f["date_end"] = Json();
  if (e.time >= 0 && !m.times[e.time].start.empty()) {
    f["date"] = m.times[e.time].start;
    f["date_end"] = m.times[e.time].end;
  }
  f["killed"] = FigureValue(e.killed);
  f["injured"] = FigureValue(e.injured);
  f["survivors"] = FigureValue(e.survivors);
  f["vessels"] = FigureValue(e.vessels);
  f["count"] = FigureValue(e.count);
  f["troops"] = FigureValue(e.troops);
  f["ordinal"] = e.ordinal ? Json(*e.ordinal) : Json();
  f["speaker"] = e.attribution.speaker.empty() ? Json() : Json(e.attribution.speaker);
  f["speaker_id"] = e.attribution.speaker_id;
  f["outlet_cited"] = e.attribution.outlet_cited.empty() ? Json() : Json(e.attribution.outlet_cited);
  f["anonymous_sources"] = e.attribution.anonymous_sources;
  return p;
}

// Whether a field holds a value worth counting.
bool HasValue(const std::string& field, const Json& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (field == "anonymous_sources" && v.is_number()) return v.get<double>() != 0;
  return true;
}

std::string FoldAccents(const std::string& s) {
  // Enough for place names: á é í ó ú ñ ü and capitals.
  static const std::pair<const char*, const char*> kMap[] = {
      {"\xC3\xA1", "a"}, {"\xC3\xA9", "e"}, {"\xC3\xAD", "i"}, {"\xC3\xB3", "o"},
      {"\xC3\xBA", "u"}, {"\xC3\xB1", "n"}, {"\xC3\xBC", "u"}, {"\xC3\x81", "a"},
      {"\xC3\x89", "e"}, {"\xC3\x8D", "i"}, {"\xC3\x93", "o"}, {"\xC3\x9A", "u"}};
  std::string out = Lower(s);
  for (auto [from, to] : kMap) {
    size_t p;
    while ((p = out.find(from)) != std::string::npos) out.replace(p, 2, to);
  }
  return out;
}

bool Equal(const std::string& field, const Json& gold, const Json& pred, const Json& pred_all) {
  if (field == "place") {
    std::string g = FoldAccents(gold.get<std::string>());
    if (pred_all.contains("place_id") && FoldAccents(pred_all["place_id"].get<std::string>()) == g)
      return true;
    if (pred_all.contains("place_text") &&
        FoldAccents(pred_all["place_text"].get<std::string>()) == g)
      return true;
    std::string p = FoldAccents(pred.get<std::string>());
    return p == g || p == "the " + g || g == "the " + p;
  }
  if (field == "speaker") {
    std::string g = Lower(gold.get<std::string>()), p = Lower(pred.get<std::string>());
    std::string id = Lower(pred_all.value("speaker_id", ""));
    return (!id.empty() && id == g) || p.find(g) != std::string::npos ||
           (!p.empty() && g.find(p) != std::string::npos);
  }
  if (field == "outlet_cited") {
    auto strip = [](std::string x) { return x.rfind("the ", 0) == 0 ? x.substr(4) : x; };
    return strip(Lower(gold.get<std::string>())) == strip(Lower(pred.get<std::string>()));
  }
  if (field == "mode" || field == "status" || field == "type") {
    return Lower(gold.get<std::string>()) == Lower(pred.get<std::string>());
  }
  if (gold.is_number() && pred.is_number())
    return std::fabs(gold.get<double>() - pred.get<double>()) < 1e-9;
  return gold == pred;
}

const char* const kFields[] = {"status",   "mode",    "generic",  "running_total", "place",
                               "date",     "killed",  "injured",  "survivors",     "vessels",
                               "count",    "troops",  "ordinal",  "speaker",       "outlet_cited",
                               "anonymous_sources"};

// The gold value of |field| for an event, with date_end defaulting to date.
bool GoldField(const Json& g, const std::string& field, Json* out) {
  if (!g.contains(field)) return false;
  *out = g[field];
  return true;
}

void Score(const Json& gold_event, const Predicted* pred, EvalReport* report,
           const std::string& where) {
  for (const char* f : kFields) {
    std::string field = f;
    FieldScore& s = report->fields[field];
    Json g;
    bool has_gold = GoldField(gold_event, field, &g);
    if (pred == nullptr) {
      if (has_gold && HasValue(field, g)) ++s.fn;
      continue;
    }
    if (!has_gold) continue;  // unscored
    Json p = pred->fields.contains(field) ? pred->fields[field] : Json();
    bool gv = HasValue(field, g), pv = HasValue(field, p);
    if (field == "date" && gv && pv) {
      // Dates compare as intervals: start, and end when gold gives one.
      std::string gend = gold_event.contains("date_end") && gold_event["date_end"].is_string()
                             ? gold_event["date_end"].get<std::string>()
                             : g.get<std::string>();
      bool same = p == g && pred->fields["date_end"] == gend;
      if (same) ++s.tp;
      else {
        ++s.fp;
        ++s.fn;
        report->errors.push_back(where + ": date: gold " + g.dump() + ".." + gend + ", got " +
                                 p.dump() + ".." + pred->fields["date_end"].dump());
      }
      continue;
    }
    if (gv && pv) {
      if (Equal(field, g, p, pred->fields)) {
        ++s.tp;
      } else {
        ++s.fp;
        ++s.fn;
        report->errors.push_back(where + ": " + field + ": gold " + g.dump() + ", got " + p.dump());
      }
    } else if (gv) {
      ++s.fn;
      report->errors.push_back(where + ": " + field + ": gold " + g.dump() + ", got nothing");
    } else if (pv) {
      ++s.fp;
      report->errors.push_back(where + ": " + field + ": gold none, got " + p.dump());
    }
  }
}

void ScoreUnaligned(const Predicted& p, EvalReport* report) {
  for (const char* f : kFields) {
    std::string field = f;
    Json v = p.fields.contains(field) ? p.fields[field] : Json();
    if (field == "status" || field == "mode") continue;  // counted by "event"
    if (HasValue(field, v)) ++report->fields[field].fp;
  }
}

Status ListDir(const std::string& dir, std::vector<std::string>* names) {
  DIR* d = opendir(dir.c_str());
  if (!d) return Status::IoError("cannot list directory", dir);
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n.empty() || n[0] == '.') continue;
    names->push_back(n);
  }
  closedir(d);
  std::sort(names->begin(), names->end());
  return Status::Ok();
}

}  // namespace

const std::vector<std::string>& EvalFieldOrder() {
  static const std::vector<std::string> kOrder = [] {
    std::vector<std::string> v = {"event"};
    for (const char* f : kFields) v.push_back(f);
    return v;
  }();
  return kOrder;
}

Result<EvalReport> EvaluateCorpus(const Pipeline& pipeline, const std::string& dir) {
  EvalReport report;
  std::vector<std::string> names;
  VIGIL_RETURN_IF_ERROR(ListDir(dir, &names));
  for (const std::string& name : names) {
    if (EndsWith(name, ".gold.json") || EndsWith(name, ".md")) continue;
    std::string stem = name.substr(0, name.find_last_of('.'));
    std::string gold_path = dir + "/" + stem + ".gold.json";
    std::ifstream gold_in(gold_path);
    if (!gold_in) continue;  // not an annotated document
    std::stringstream buf;
    buf << gold_in.rdbuf();
    Json gold = Json::parse(buf.str(), nullptr, false);
    if (gold.is_discarded() || !gold.contains("events") || !gold["events"].is_array()) {
      report.skipped.push_back(gold_path + ": not a gold file (invalid JSON or no \"events\")");
      continue;
    }
    // Read the document the way ingest does.
    InputReader reader({dir + "/" + name}, ReadOptions());
    RawItem item;
    Status error;
    if (reader.Next(&item, &error) != InputReader::Step::kItem) {
      report.skipped.push_back(dir + "/" + name + ": " + error.ToString());
      continue;
    }
    auto doc = ParseRawItem(item, ReadOptions());
    if (!doc.ok()) {
      report.skipped.push_back(doc.status().ToString());
      continue;
    }
    Annotated annotated;
    pipeline.Annotate(*doc, &annotated);
    Mentions mentions;
    pipeline.Extract(*doc, annotated, &mentions);
    ++report.documents;

    std::vector<Predicted> predicted;
    for (const EventMention& e : mentions.events)
      predicted.push_back(MakePredicted(*doc, mentions, e));
    report.predicted_events += static_cast<int64_t>(predicted.size());
    std::vector<bool> used(predicted.size(), false);
    FieldScore& event = report.fields["event"];
    for (const Json& g : gold["events"]) {
      ++report.gold_events;
      std::string snippet = g.value("sentence", "");
      std::string type = g.value("type", "");
      int match = -1;
      for (size_t i = 0; i < predicted.size(); ++i) {
        if (used[i] || predicted[i].type != type) continue;
        if (!snippet.empty() && predicted[i].sentence.find(snippet) == std::string::npos) continue;
        match = static_cast<int>(i);
        break;
      }
      std::string where = name + " [" + type + " \"" + snippet.substr(0, 50) + "\"]";
      if (match < 0) {
        ++event.fn;
        report.errors.push_back(where + ": missed");
        Score(g, nullptr, &report, where);
        continue;
      }
      used[match] = true;
      ++event.tp;
      Score(g, &predicted[match], &report, where);
    }
    for (size_t i = 0; i < predicted.size(); ++i) {
      if (used[i]) continue;
      ++event.fp;
      report.errors.push_back(name + ": unexpected " + predicted[i].type + " " +
                              predicted[i].fields["status"].get<std::string>() + " in \"" +
                              predicted[i].sentence.substr(0, 70) + "\"");
      ScoreUnaligned(predicted[i], &report);
    }
  }
  return report;
}

}  // namespace vigil
