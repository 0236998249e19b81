// Analyst corrections from event and mention ids to stable mention keys
// (include/vigil/corrections.h), and the reverse: which event holds a
// correction's mentions now.

#include "vigil/corrections.h"

#include <charconv>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "store/sqlite_util.h"

namespace vigil {

Result<CorrectionAction> ParseCorrectionAction(std::string_view name) {
  for (CorrectionAction a : {CorrectionAction::kMerge, CorrectionAction::kSplit,
                             CorrectionAction::kReject, CorrectionAction::kUnreject,
                             CorrectionAction::kSetFigure})
    if (name == CorrectionActionName(a)) return a;
  return Status::InvalidInput("unknown correction \"" + std::string(name) +
                              "\" (one of: merge, split, reject, unreject, set)");
}

namespace {

Result<EventRow> FindEvent(Store* store, const std::string& key) {
  EventFilter f;
  f.key = key;
  f.include_rejected = true;
  f.limit = 1;
  auto rows = store->ListEvents(f);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("no event " + key);
  return std::move(rows->front());
}

}  // namespace

Result<Correction> BuildCorrection(Store* store, const CorrectionRequest& r) {
  Correction c;
  c.action = r.action;
  c.note = r.note;
  if (r.events.empty()) return Status::InvalidInput("a correction names an event");
  std::set<std::string> distinct(r.events.begin(), r.events.end());
  if (r.action == CorrectionAction::kMerge) {
    if (distinct.size() < 2) return Status::InvalidInput("a merge needs two or more different events");
  } else if (r.events.size() != 1) {
    return Status::InvalidInput(std::string("a ") + CorrectionActionName(r.action) +
                                " correction names one event");
  }
  if (r.action != CorrectionAction::kSplit && !r.mentions.empty())
    return Status::InvalidInput("only a split names mentions");

  if (r.action == CorrectionAction::kSetFigure) {
    static const std::set<std::string> kFields = {"killed", "injured", "survivors", "vessels",
                                                  "strikes"};
    if (!kFields.count(r.field))
      return Status::InvalidInput("the figure to set is one of: killed, injured, survivors, "
                                  "vessels, strikes");
    double v = -1;
    const char* end = r.value.data() + r.value.size();
    auto [p, ec] = std::from_chars(r.value.data(), end, v);
    if (r.value.empty() || ec != std::errc() || p != end || !std::isfinite(v) || v < 0 || v > 1e9)
      return Status::InvalidInput("the figure must be a number from 0 to 1000000000");
    c.field = r.field;
    c.value = r.value;
  } else if (!r.field.empty() || !r.value.empty()) {
    return Status::InvalidInput("only a set correction has a field and a value");
  }

  if (r.action == CorrectionAction::kSplit) {
    if (r.mentions.empty()) return Status::InvalidInput("a split names the mentions to take out");
    auto event = FindEvent(store, r.events.front());
    if (!event.ok()) return event.status();
    nlohmann::json j = nlohmann::json::parse(event->json, nullptr, false);
    if (!j.is_object() || !j["mentions"].is_array())
      return Status::Internal("event " + event->key + " has no readable mentions");
    std::set<int64_t> wanted(r.mentions.begin(), r.mentions.end());
    for (int64_t id : wanted) {
      bool found = false;
      for (const auto& m : j["mentions"])
        if (m.value("mention_id", int64_t{0}) == id) {
          c.mentions.push_back(m.value("key", ""));
          found = true;
        }
      if (!found)
        return Status::NotFound("event " + event->key + " has no mention " + std::to_string(id));
    }
    if (c.mentions.size() >= j["mentions"].size())
      return Status::InvalidInput("a split must leave at least one mention in event " +
                                  event->key);
  } else {
    for (const std::string& e : r.events) {
      if (r.action == CorrectionAction::kMerge && !distinct.erase(e)) continue;  // named twice
      auto keys = store->EventMentionKeys(e);
      if (!keys.ok()) return keys.status();
      c.mentions.insert(c.mentions.end(), keys->begin(), keys->end());
    }
  }
  return c;
}

Result<Correction> RecordCorrection(Store* store, const CorrectionRequest& request) {
  auto c = BuildCorrection(store, request);
  if (!c.ok()) return c.status();
  c->created_at = NowUtc();
  auto id = store->AddCorrection(*c);
  if (!id.ok()) return id.status();
  c->id = *id;
  return std::move(*c);
}

Result<std::vector<std::string>> Store::EventsOfMentionKeys(const std::vector<std::string>& keys) {
  // A key is "<content hash>:<sentence begin>:<type>" (resolve.h, MentionKey).
  Statement q(db_, R"sql(
SELECT e.key FROM documents d JOIN event_mentions m ON m.doc_id = d.id
JOIN event_members em ON em.mention_id = m.id JOIN events e ON e.id = em.event_id
WHERE d.content_hash = ?1 AND m.begin = ?2 AND m.type = ?3 LIMIT 1)sql");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  std::vector<std::string> out;
  for (const std::string& key : keys) {
    size_t a = key.find(':');
    size_t b = a == std::string::npos ? a : key.find(':', a + 1);
    int64_t begin = -1;
    if (b != std::string::npos) {
      auto [p, ec] = std::from_chars(key.data() + a + 1, key.data() + b, begin);
      if (ec != std::errc() || p != key.data() + b) begin = -1;
    }
    if (begin < 0) {
      out.emplace_back();
      continue;
    }
    q.Bind(1, std::string_view(key).substr(0, a)).Bind(2, begin).Bind(3, std::string_view(key).substr(b + 1));
    auto r = q.Step();
    if (!r.ok()) return r.status();
    out.push_back(*r ? q.Text(0) : std::string());
    q.Reset();
  }
  return out;
}

}  // namespace vigil
