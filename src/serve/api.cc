#include "serve/api.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <cmath>
#include <optional>
#include <set>
#include <string_view>

#include <nlohmann/json.hpp>

#include "serve/assets.h"
#include "serve/json_forms.h"
#include "vigil/corrections.h"
#include "vigil/export.h"
#include "vigil/ledger.h"
#include "vigil/resolve.h"
#include "vigil/source.h"

namespace vigil {

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

ApiResponse JsonResponse(const Json& j, int status = 200) {
  ApiResponse r;
  r.status = status;
  r.body = DumpJson(j);
  return r;
}

const char* StatusText(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

Json StrOrNull(const std::string& s) { return s.empty() ? Json() : Json(s); }
Json NumOrNull(const std::optional<double>& v) { return v ? Json(*v) : Json(); }

// A request's query parameters, checked as they are read: each name at most
// once, every name known to the endpoint, every value well formed. The first
// problem found becomes a 400 with a reason naming the parameter.
class QueryReader {
 public:
  QueryReader(const Params& params, const std::vector<const char*>& known) {
    std::set<std::string> names(known.begin(), known.end());
    for (const auto& [name, value] : params) {
      if (!names.count(name)) {
        Fail("unknown parameter \"" + name + "\"");
        continue;
      }
      if (values_.count(name)) {
        Fail("parameter \"" + name + "\" given more than once");
        continue;
      }
      values_[name] = value;
    }
  }

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  // A free-text value (outlet name, language code); bound as a parameter,
  // so any bytes are safe, but the length is bounded.
  std::string Text(const char* name, size_t max_len = 200) {
    auto v = Get(name);
    if (!v) return "";
    if (v->size() > max_len) Fail("\"" + std::string(name) + "\" is longer than " +
                                  std::to_string(max_len) + " bytes");
    return *v;
  }

  // A value of letters, digits and |extra| characters only.
  std::string Word(const char* name, std::string_view extra, size_t max_len = 40) {
    auto v = Get(name);
    if (!v) return "";
    bool good = !v->empty() && v->size() <= max_len;
    for (char c : *v)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || extra.find(c) != std::string_view::npos))
        good = false;
    if (!good) Fail("\"" + std::string(name) + "\" is not a valid value");
    return *v;
  }

  // YYYY-MM-DD.
  std::string Date(const char* name) {
    auto v = Get(name);
    if (!v) return "";
    bool good = v->size() == 10 && (*v)[4] == '-' && (*v)[7] == '-';
    for (size_t i = 0; good && i < 10; ++i)
      if (i != 4 && i != 7 && !std::isdigit(static_cast<unsigned char>((*v)[i]))) good = false;
    if (good) {
      int month = std::stoi(v->substr(5, 2)), day = std::stoi(v->substr(8, 2));
      good = month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
    if (!good) Fail("\"" + std::string(name) + "\" must be a date YYYY-MM-DD");
    return *v;
  }

  std::optional<int64_t> Int(const char* name, int64_t min, int64_t max) {
    auto v = Get(name);
    if (!v) return std::nullopt;
    int64_t n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || n < min || n > max) {
      Fail("\"" + std::string(name) + "\" must be an integer from " + std::to_string(min) +
           " to " + std::to_string(max));
      return std::nullopt;
    }
    return n;
  }

  // "west,south,east,north" in degrees.
  bool BoundingBox(const char* name, EventFilter* f) {
    auto v = Get(name);
    if (!v) return false;
    double box[4];
    const char* p = v->data();
    const char* end = v->data() + v->size();
    bool good = true;
    for (int i = 0; i < 4 && good; ++i) {
      auto [next, ec] = std::from_chars(p, end, box[i]);
      good = ec == std::errc() && std::isfinite(box[i]) && (i == 3 ? next == end : next < end && *next == ',');
      p = next + 1;
    }
    good = good && box[0] >= -180 && box[0] <= 180 && box[2] >= -180 && box[2] <= 180 &&
           box[1] >= -90 && box[1] <= 90 && box[3] >= -90 && box[3] <= 90 && box[1] <= box[3];
    if (!good) {
      Fail("\"" + std::string(name) + "\" must be west,south,east,north in degrees");
      return false;
    }
    f->west = box[0];
    f->south = box[1];
    f->east = box[2];
    f->north = box[3];
    return true;
  }

  std::optional<bool> Bool(const char* name) {
    auto v = Get(name);
    if (!v) return std::nullopt;
    if (*v == "true" || *v == "1") return true;
    if (*v == "false" || *v == "0") return false;
    Fail("\"" + std::string(name) + "\" must be true or false");
    return std::nullopt;
  }

  void Fail(const std::string& reason) {
    if (error_.empty()) error_ = reason;
  }

 private:
  std::optional<std::string> Get(const char* name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }

  std::map<std::string, std::string> values_;
  std::string error_;
};

// Reads "limit" and "offset" into |limit| and |offset|.
void ReadPaging(QueryReader* q, int64_t max_page, int64_t* limit, int64_t* offset) {
  *limit = q->Int("limit", 1, max_page).value_or(std::min<int64_t>(100, max_page));
  *offset = q->Int("offset", 0, 1'000'000'000).value_or(0);
}

Json PageJson(int64_t total, int64_t limit, int64_t offset, Json items) {
  Json j;
  j["total"] = total;
  j["limit"] = limit;
  j["offset"] = offset;
  j["items"] = std::move(items);
  return j;
}

// One stored event mention as the API shows it: the document it came from,
// the fields queries filter on, and the words (sentence, trigger,
// attribution) from the stored mention JSON.
Json MentionJson(const StoredEventMention& m) {
  const EventMentionRow& e = m.row;
  Json stored = Json::parse(e.json, nullptr, false);
  if (!stored.is_object()) stored = Json::object();
  auto from_stored = [&](const char* key) { return stored.contains(key) ? stored[key] : Json(); };
  Json j;
  j["id"] = m.id;
  j["doc_id"] = m.doc_id;
  j["index"] = e.index;
  j["outlet"] = StrOrNull(m.outlet);
  j["url"] = StrOrNull(m.url);
  j["published"] = StrOrNull(m.published);
  j["title"] = StrOrNull(m.title);
  j["type"] = e.type;
  j["mode"] = StrOrNull(e.mode);
  j["status"] = e.status;
  j["generic"] = e.generic;
  j["negated"] = e.negated;
  j["running_total"] = e.running_total;
  j["date_start"] = StrOrNull(e.date_start);
  j["date_end"] = StrOrNull(e.date_end);
  j["date_precision"] = StrOrNull(e.date_precision);
  if (e.place_name.empty() && e.place_id.empty()) {
    j["place"] = Json();
  } else {
    j["place"] = {{"name", StrOrNull(e.place_name)}, {"kind", StrOrNull(e.place_kind)},
                  {"country", StrOrNull(e.place_country)}, {"lat", NumOrNull(e.lat)},
                  {"lon", NumOrNull(e.lon)}, {"place_id", StrOrNull(e.place_id)}};
  }
  if (e.killed) {
    j["killed"] = {{"value", *e.killed}, {"high", NumOrNull(e.killed_high)},
                   {"qualifier", StrOrNull(e.killed_qualifier)}};
  } else {
    j["killed"] = Json();
  }
  j["injured"] = NumOrNull(e.injured);
  j["survivors"] = NumOrNull(e.survivors);
  j["vessels"] = NumOrNull(e.vessels);
  j["strikes"] = NumOrNull(e.strikes);
  j["ordinal"] = e.ordinal ? Json(*e.ordinal) : Json();
  j["sentence"] = e.sentence;
  j["span"] = {{"begin", e.begin}, {"end", e.end}};
  j["text"] = from_stored("text");
  Json trigger = {{"begin", e.trigger_begin}, {"end", e.trigger_end}};
  if (stored.contains("trigger") && stored["trigger"].is_object() &&
      stored["trigger"].contains("text"))
    trigger["text"] = stored["trigger"]["text"];
  j["trigger"] = trigger;
  j["status_cue"] = from_stored("status_cue");
  j["tally_scope"] = from_stored("tally_scope");
  j["target_things"] = from_stored("target_things");
  j["attribution"] = from_stored("attribution");
  return j;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// "/api/documents/12" with prefix "/api/documents/" -> 12; nullopt when the
// rest is not a positive integer.
std::optional<int64_t> IdAfter(std::string_view path, std::string_view prefix) {
  std::string_view rest = path.substr(prefix.size());
  int64_t id = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), id);
  if (ec != std::errc() || end != rest.data() + rest.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace

StorePool::Lease::~Lease() {
  if (!store_) return;
  store_->SetDeadline({});
  // The request's snapshot ends here (Api::Handle); a connection that
  // cannot leave its transaction is closed rather than kept.
  store_->EndRead();
  if (store_->InTransaction()) return;
  std::lock_guard<std::mutex> lock(pool_->mu_);
  pool_->idle_.push_back(std::move(store_));
}

Result<StorePool::Lease> StorePool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<Store> s = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(s));
    }
  }
  auto opened = Store::Open(path_);
  if (!opened.ok()) return opened.status();
  return Lease(this, std::move(opened.value()));
}

bool Api::AnswerCache::Find(const std::string& key, const std::string& version,
                            std::string* body) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [k, entry] : entries_) {
    if (k != key) continue;
    if (entry.first != version) return false;
    *body = entry.second;
    return true;
  }
  return false;
}

void Api::AnswerCache::Put(const std::string& key, const std::string& version,
                           const std::string& body) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [&](const auto& e) { return e.first == key; }),
                 entries_.end());
  if (entries_.size() >= kEntries) entries_.erase(entries_.begin());
  entries_.push_back({key, {version, body}});
}

bool TokenMatches(std::string_view given, std::string_view expected) {
  // Every byte of |given| is compared (against a byte of |expected|, cycled)
  // and the differences are OR-ed, so the time does not reveal where the
  // first difference is. An empty expected token never matches.
  if (expected.empty()) return false;
  unsigned diff = given.size() == expected.size() ? 0u : 1u;
  for (size_t i = 0; i < given.size(); ++i)
    diff |= static_cast<unsigned char>(given[i]) ^
            static_cast<unsigned char>(expected[i % expected.size()]);
  return diff == 0;
}

Api::Api(const ServeOptions& options)
    : options_(options), pool_(options.db_path), pipeline_(options.resources) {}

ApiResponse Api::Error(int status, const std::string& reason) {
  Json j;
  j["status"] = status;
  j["error"] = StatusText(status);
  j["reason"] = reason;
  return JsonResponse(j, status);
}

namespace {

// The event filters of /api/events and /api/export.
std::vector<const char*> EventParams() {
  return {"type", "mode", "status", "campaign", "from", "to", "country", "min_deaths", "bbox",
          "include_rejected", "q", "sort"};
}

// "q": what the user typed, as an FTS5 expression (store.h, SearchExpression).
std::string ReadSearch(QueryReader* q) {
  std::string typed = q->Text("q", 200);
  if (typed.empty()) return "";
  auto expr = SearchExpression(typed);
  if (!expr.ok()) {
    q->Fail("\"q\": " + expr.status().message());
    return "";
  }
  return *expr;
}

void ReadEventFilter(QueryReader* q, EventFilter* f) {
  f->type = q->Word("type", "_", 32);
  f->mode = q->Word("mode", "_-", 32);
  f->status = q->Word("status", "_", 20);
  f->campaign = q->Word("campaign", "_-.", 64);
  f->from = q->Date("from");
  f->to = q->Date("to");
  f->country = q->Word("country", "", 2);
  if (!f->country.empty() && f->country.size() != 2)
    q->Fail("\"country\" must be an ISO 3166-1 alpha-2 code such as MX");
  if (auto d = q->Int("min_deaths", 0, 1'000'000'000)) f->min_killed = static_cast<double>(*d);
  q->BoundingBox("bbox", f);
  f->include_rejected = q->Bool("include_rejected").value_or(false);
  f->text_match = ReadSearch(q);
  std::string sort = q->Word("sort", "-", 20);
  if (!sort.empty()) {
    f->descending = sort[0] == '-';
    f->sort = f->descending ? sort.substr(1) : sort;
    static const std::set<std::string> kSorts = {"date", "killed", "reports", "origins",
                                                 "type", "status", "place"};
    if (!kSorts.count(f->sort))
      q->Fail("unknown sort key \"" + f->sort + "\" (one of: date, killed, reports, origins, "
              "type, status, place, with an optional leading '-')");
  }
}

}  // namespace

Status ReadEventsQuery(const std::vector<std::pair<std::string, std::string>>& params,
                       int64_t max_page, EventFilter* filter) {
  std::vector<const char*> known = EventParams();
  known.push_back("limit");
  known.push_back("offset");
  QueryReader q(params, known);
  ReadEventFilter(&q, filter);
  ReadPaging(&q, max_page, &filter->limit, &filter->offset);
  if (!q.ok()) return Status::InvalidInput(q.error());
  return Status::Ok();
}

namespace {

// Event keys are "E" and hex digits; anything else cannot name an event.
bool IsEventKey(std::string_view key) {
  if (key.size() < 2 || key.size() > 40 || key[0] != 'E') return false;
  for (char c : key.substr(1))
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// The map's points: a few thousand circles are what a browser draws
// quickly; the rest are left out, the smallest first.
constexpr int64_t kDefaultMapPoints = 2000;
constexpr int64_t kMaxMapPoints = 20000;

// The handlers of the read endpoints. Each returns the response, or a Status
// that Handle turns into an error response.
struct Handlers {
  Store* store;
  const ServeOptions& options;

  Result<ApiResponse> Stats() {
    auto stats = store->Stats();
    if (!stats.ok()) return stats.status();
    Json j = StatsObject(*stats);
    // When the ledger last changed, and when the last document arrived
    // (a document is in the ledger once a resolution ran after it).
    if (Status s = AddUpdateTimes(&j); !s.ok()) return s;
    return JsonResponse(j);
  }

  Status AddUpdateTimes(Json* j) {
    auto updated = store->LedgerUpdatedAt();
    if (!updated.ok()) return updated.status();
    auto ingested = store->LastIngestedAt();
    if (!ingested.ok()) return ingested.status();
    (*j)["ledger_updated_at"] = StrOrNull(*updated);
    (*j)["last_ingested_at"] = StrOrNull(*ingested);
    return Status::Ok();
  }

  // GET /api/updated: the two times of /api/stats alone, which cost no
  // count of the store (the dashboard asks every 30 s whether the ledger
  // changed; /api/stats takes seconds on a 100,000-document store).
  Result<ApiResponse> Updated(const Params& params) {
    QueryReader q(params, {});
    if (!q.ok()) return Status::InvalidInput(q.error());
    Json j = Json::object();
    if (Status s = AddUpdateTimes(&j); !s.ok()) return s;
    return JsonResponse(j);
  }

  // Each event object with "first_ingested" and "last_ingested": when the
  // earliest and the latest of its documents were stored.
  Result<Json> EventObjects(const std::vector<EventRow>& events) {
    std::vector<int64_t> ids;
    for (const EventRow& e : events) ids.push_back(e.id);
    auto times = store->EventIngestTimesOf(ids);
    if (!times.ok()) return times.status();
    std::map<int64_t, EventIngestTimes> by_id(times->begin(), times->end());
    Json items = Json::array();
    for (const EventRow& e : events) {
      Json j = Json::parse(e.json, nullptr, false);
      if (j.is_discarded()) {
        items.push_back(Json());
        continue;
      }
      auto it = by_id.find(e.id);
      j["first_ingested"] = it == by_id.end() ? Json() : StrOrNull(it->second.first);
      j["last_ingested"] = it == by_id.end() ? Json() : StrOrNull(it->second.last);
      items.push_back(std::move(j));
    }
    return items;
  }

  Result<ApiResponse> Documents(const Params& params) {
    QueryReader q(params, {"outlet", "language", "from", "to", "q", "sort", "limit", "offset"});
    DocumentQuery query;
    query.text_match = ReadSearch(&q);
    query.filter.outlet = q.Text("outlet");
    query.filter.language = q.Word("language", "-", 16);
    query.filter.published_from = q.Date("from");
    query.filter.published_to = q.Date("to");
    std::string sort = q.Word("sort", "-_", 20);
    if (!sort.empty()) query.sort = sort;
    ReadPaging(&q, options.max_page_size, &query.filter.limit, &query.filter.offset);
    if (!q.ok()) return Status::InvalidInput(q.error());
    auto page = store->QueryDocuments(query);
    if (!page.ok()) return page.status();
    Json items = Json::array();
    for (size_t i = 0; i < page->documents.size(); ++i) {
      Json d = DocumentObject(page->documents[i]);
      d["event_mentions"] = page->event_mentions[i];
      items.push_back(std::move(d));
    }
    return JsonResponse(PageJson(page->total, query.filter.limit, query.filter.offset,
                                 std::move(items)));
  }

  Result<ApiResponse> Document(int64_t id, const Params& params) {
    QueryReader q(params, {});
    if (!q.ok()) return Status::InvalidInput(q.error());
    auto doc = store->GetDocument(id);
    if (!doc.ok()) return doc.status();
    auto sentences = store->GetSentences(id);
    if (!sentences.ok()) return sentences.status();
    auto mentions = store->GetMentionsJson(id);
    if (!mentions.ok()) return mentions.status();
    Json j = DocumentDetailObject(*doc, *sentences);
    Json m = mentions->empty() ? Json() : Json::parse(*mentions, nullptr, false);
    j["mentions"] = m.is_discarded() ? Json() : std::move(m);
    return JsonResponse(j);
  }

  Result<ApiResponse> Outlets(const Params& params) {
    QueryReader q(params, {});
    if (!q.ok()) return Status::InvalidInput(q.error());
    auto outlets = store->ListOutlets();
    if (!outlets.ok()) return outlets.status();
    Json items = Json::array();
    for (const OutletRow& o : *outlets)
      items.push_back({{"id", o.id}, {"name", o.name}, {"domain", StrOrNull(o.domain)},
                       {"is_wire", o.is_wire}, {"documents", o.documents},
                       {"event_mentions", o.event_mentions},
                       {"first_published", StrOrNull(o.first_published)},
                       {"last_published", StrOrNull(o.last_published)}});
    Json j;
    j["items"] = std::move(items);
    return JsonResponse(j);
  }

  // GET /api/events: "view=summary" (the default) or "view=full".
  Result<ApiResponse> Events(const Params& params) {
    Params rest;
    std::string view;
    for (const auto& p : params) {
      if (p.first != "view") {
        rest.push_back(p);
        continue;
      }
      if (!view.empty()) return Status::InvalidInput("parameter \"view\" given more than once");
      view = p.second;
      if (view != "summary" && view != "full")
        return Status::InvalidInput("\"view\" must be summary or full");
    }
    EventFilter f;
    if (Status s = ReadEventsQuery(rest, options.max_page_size, &f); !s.ok()) return s;
    auto total = store->CountEvents(f);
    if (!total.ok()) return total.status();
    if (view != "full") {
      // The summaries come with their ingestion times (kept beside them).
      auto page = store->ListEventSummaries(f);
      if (!page.ok()) return page.status();
      std::vector<std::pair<const std::string*, const EventIngestTimes*>> items;
      for (const EventSummaryRow& e : *page) items.push_back({&e.json, &e.ingested});
      return EventPage(*total, f, items);
    }
    auto events = store->ListEvents(f);
    if (!events.ok()) return events.status();
    std::vector<int64_t> ids;
    for (const EventRow& e : *events) ids.push_back(e.id);
    auto times = store->EventIngestTimesOf(ids);
    if (!times.ok()) return times.status();
    std::map<int64_t, EventIngestTimes> by_id(times->begin(), times->end());
    static const EventIngestTimes kUnknown;
    std::vector<std::pair<const std::string*, const EventIngestTimes*>> items;
    for (const EventRow& e : *events) {
      auto it = by_id.find(e.id);
      items.push_back({&e.json, it == by_id.end() ? &kUnknown : &it->second});
    }
    return EventPage(*total, f, items);
  }

  // A page of /api/events from each event's stored JSON (the resolver's, or
  // its summary) and when its documents arrived.
  static ApiResponse EventPage(
      int64_t total, const EventFilter& f,
      const std::vector<std::pair<const std::string*, const EventIngestTimes*>>& events) {
    // Each stored event is the resolver's own compact JSON: it goes into the
    // page as it is, with the times its reports arrived spliced in before
    // its closing brace. Parsing and writing it again took most of the time
    // of a page (an event carries its mentions: ~20 KB each on generated
    // corpora), and made the server slower than the database under load.
    auto time_json = [](const std::string& t) { return t.empty() ? std::string("null") : Json(t).dump(); };
    ApiResponse r;
    r.body = "{\"total\":" + std::to_string(total) + ",\"limit\":" + std::to_string(f.limit) +
             ",\"offset\":" + std::to_string(f.offset) + ",\"items\":[";
    size_t bytes = r.body.size() + 2;
    for (const auto& e : events) bytes += e.first->size() + 80;
    r.body.reserve(bytes);
    for (size_t i = 0; i < events.size(); ++i) {
      if (i) r.body += ',';
      const std::string& json = *events[i].first;
      if (json.size() < 2 || json.back() != '}') {
        r.body += "null";
        continue;
      }
      const EventIngestTimes& t = *events[i].second;
      r.body.append(json, 0, json.size() - 1);
      r.body += ",\"first_ingested\":";
      r.body += time_json(t.first);
      r.body += ",\"last_ingested\":";
      r.body += time_json(t.last);
      r.body += '}';
    }
    r.body += "]}";
    return r;
  }

  // The filters of /api/events without its sort and page, for the
  // aggregates, with the endpoint's own parameters |extra|.
  static std::vector<const char*> AggregateParams(std::vector<const char*> extra) {
    std::vector<const char*> known = EventParams();
    known.erase(std::remove_if(known.begin(), known.end(),
                               [](const char* k) { return std::string_view(k) == "sort"; }),
                known.end());
    known.insert(known.end(), extra.begin(), extra.end());
    return known;
  }

  // GET /api/timeline: what the filters select, counted, and its events
  // per start day, type and status with their deaths.
  Result<ApiResponse> Timeline(const Params& params) {
    QueryReader q(params, AggregateParams({}));
    EventFilter f;
    ReadEventFilter(&q, &f);
    if (!q.ok()) return Status::InvalidInput(q.error());
    auto timeline = store->EventsPerDay(f);
    if (!timeline.ok()) return timeline.status();
    const EventTotals& totals = timeline->totals;
    Json j;
    j["total"] = totals.events;
    j["located"] = totals.located;
    j["undated"] = totals.undated;
    j["happened"] = totals.happened;
    j["killed"] = totals.killed;
    Json items = Json::array();
    for (const EventDayRow& d : timeline->days)
      items.push_back({{"day", d.day}, {"type", d.type}, {"status", d.status},
                       {"events", d.events}, {"killed", d.killed}});
    j["days"] = std::move(items);
    return JsonResponse(j);
  }

  // GET /api/map: the located events of the filters, most deaths first, up
  // to "limit" of them.
  Result<ApiResponse> Map(const Params& params) {
    QueryReader q(params, AggregateParams({"limit"}));
    EventFilter f;
    ReadEventFilter(&q, &f);
    int64_t limit = q.Int("limit", 1, kMaxMapPoints).value_or(kDefaultMapPoints);
    if (!q.ok()) return Status::InvalidInput(q.error());
    auto totals = store->CountEventTotals(f);
    if (!totals.ok()) return totals.status();
    auto points = store->EventPoints(f, limit);
    if (!points.ok()) return points.status();
    Json items = Json::array();
    for (const EventPoint& p : *points)
      items.push_back({{"id", p.key}, {"lat", p.lat}, {"lon", p.lon}, {"killed", NumOrNull(p.killed)},
                       {"type", p.type}, {"status", p.status}});
    // The seas the events are placed at, as regions: the gazetteer's box.
    Json areas = Json::array();
    if (options.resources) {
      auto found = store->EventAreas(f);
      if (!found.ok()) return found.status();
      for (const EventArea& a : *found) {
        uint32_t index;
        if (!options.resources->FindPlace(a.place_id, &index)) continue;
        const PlaceEntry& p = options.resources->place(index);
        if (p.south == 0 && p.north == 0 && p.west == 0 && p.east == 0) continue;
        areas.push_back({{"place_id", a.place_id}, {"name", a.name}, {"events", a.events},
                         {"killed", a.killed}, {"box", {p.west, p.south, p.east, p.north}}});
      }
    }
    Json j;
    j["total"] = totals->located;
    j["limit"] = limit;
    j["items"] = std::move(items);
    j["areas"] = std::move(areas);
    return JsonResponse(j);
  }

  Result<ApiResponse> Event(const std::string& key, const Params& params) {
    QueryReader q(params, {});
    if (!q.ok()) return Status::InvalidInput(q.error());
    if (!IsEventKey(key)) return Status::InvalidInput("an event id is E followed by hex digits");
    EventFilter f;
    f.key = key;
    f.include_rejected = true;
    f.limit = 1;
    auto events = store->ListEvents(f);
    if (!events.ok()) return events.status();
    if (events->empty()) return Status::NotFound("no event with id " + key);
    auto items = EventObjects(*events);
    if (!items.ok()) return items.status();
    VIGIL_RETURN_IF_ERROR(AddFigureSpans(&(*items)[0]));
    return JsonResponse((*items)[0]);
  }

  // Each mention's `figures`: the words behind its toll, injured,
  // survivors, missing, vessels, place and date, read from its document's
  // stored extraction, as byte spans into the document like the mention's
  // own span (docs/API.md). A document without an extraction gives none.
  Status AddFigureSpans(Json* event) {
    if (!event->is_object() || !event->contains("mentions") || !(*event)["mentions"].is_array())
      return Status::Ok();
    std::map<int64_t, Json> extractions;
    for (Json& m : (*event)["mentions"]) {
      if (!m.is_object() || !m.value("doc_id", Json()).is_number_integer() ||
          !m.value("index", Json()).is_number_integer())
        continue;
      const int64_t doc = m["doc_id"].get<int64_t>();
      auto it = extractions.find(doc);
      if (it == extractions.end()) {
        auto text = store->GetMentionsJson(doc);
        if (!text.ok()) return text.status();
        it = extractions.emplace(doc, text->empty() ? Json() : Json::parse(*text, nullptr, false))
                 .first;
      }
      const Json& x = it->second;
      const int64_t index = m["index"].get<int64_t>();
      if (!x.is_object() || !x.value("events", Json()).is_array() || index < 0 ||
          index >= static_cast<int64_t>(x["events"].size()))
        continue;
      const Json& ev = x["events"][static_cast<size_t>(index)];
      Json figures = Json::array();
      // |list|[|at|]'s span and text under |field|, when |at| is an index.
      auto add = [&](const char* field, const char* list, const Json& at) {
        if (!at.is_number_integer() || !x.value(list, Json()).is_array()) return;
        const int64_t i = at.get<int64_t>();
        if (i < 0 || i >= static_cast<int64_t>(x[list].size())) return;
        const Json& item = x[list][static_cast<size_t>(i)];
        if (!item.is_object() || !item.value("span", Json()).is_array()) return;
        figures.push_back({{"field", field}, {"span", item["span"]}, {"text", item.value("text", "")}});
      };
      for (const char* field : {"killed", "injured", "survivors", "missing", "vessels"}) {
        const Json f = ev.value(field, Json());
        if (f.is_object()) add(field, "quantities", f.value("quantity", Json()));
      }
      add("place", "places", ev.value("place", Json()));
      add("date", "times", ev.value("time", Json()));
      m["figures"] = std::move(figures);
    }
    return Status::Ok();
  }

  // Every analyst correction, oldest first, with the events that hold its
  // mentions now.
  Result<ApiResponse> Corrections(const Params& params);

  Result<ApiResponse> Campaigns(const Params& params) {
    QueryReader q(params, {});
    if (!q.ok()) return Status::InvalidInput(q.error());
    auto campaigns = store->LoadCampaigns();
    if (!campaigns.ok()) return campaigns.status();
    Json items = Json::array();
    for (const Campaign& c : *campaigns) {
      EventFilter f;
      f.campaign = c.name;
      auto n = store->CountEvents(f);
      if (!n.ok()) return n.status();
      items.push_back({{"name", c.name}, {"title", c.title}, {"types", c.types},
                       {"modes", c.modes}, {"statuses", c.statuses},
                       {"actor_countries", c.actor_countries}, {"target_kinds", c.target_kinds},
                       {"regions", c.regions}, {"from", StrOrNull(c.from)},
                       {"to", StrOrNull(c.to)}, {"events", *n}});
    }
    Json j;
    j["items"] = std::move(items);
    return JsonResponse(j);
  }

  Result<ApiResponse> Tally(const std::string& name, const Params& params) {
    QueryReader q(params, {});
    if (!q.ok()) return Status::InvalidInput(q.error());
    auto tally = TallyCampaign(store, name);
    if (!tally.ok()) return tally.status();
    ApiResponse r;
    r.body = CampaignTallyJson(*tally);
    return r;
  }

  // The whole (filtered) ledger in one of the CLI's export formats.
  Result<ApiResponse> Export(const Params& params) {
    std::vector<const char*> known = EventParams();
    known.push_back("format");
    QueryReader q(params, known);
    EventFilter f;
    ReadEventFilter(&q, &f);
    std::string format = q.Word("format", "", 10);
    if (format.empty()) format = "jsonl";
    if (format != "jsonl" && format != "csv" && format != "geojson" && format != "plover")
      q.Fail("\"format\" must be jsonl, csv, geojson or plover");
    if (!q.ok()) return Status::InvalidInput(q.error());
    auto events = store->ListEvents(f);
    if (!events.ok()) return events.status();
    ApiResponse r;
    if (format == "csv") {
      r.body = EventsCsv(*events);
      r.content_type = "text/csv; charset=utf-8";
    } else if (format == "geojson") {
      r.body = EventsGeoJson(*events);
      r.content_type = "application/geo+json; charset=utf-8";
    } else {
      for (const EventRow& e : *events) {
        r.body += format == "plover" ? EventPlover(e) : e.json;
        r.body += '\n';
      }
      r.content_type = "application/x-ndjson; charset=utf-8";
    }
    const char* ext = format == "csv" ? "csv" : format == "geojson" ? "geojson" : "jsonl";
    r.headers.push_back({"Content-Disposition",
                         std::string("attachment; filename=\"vigil-events.") + ext + "\""});
    return r;
  }

  Result<ApiResponse> Mentions(const Params& params, int64_t mention_id) {
    QueryReader q(params, {"doc", "type", "mode", "status", "outlet", "country", "from", "to",
                           "min_deaths", "running_total", "sort", "limit", "offset"});
    MentionQuery query;
    query.mention_id = mention_id;
    query.doc_id = q.Int("doc", 1, INT64_MAX).value_or(0);
    query.type = q.Word("type", "_", 32);
    query.mode = q.Word("mode", "_-", 32);
    query.status = q.Word("status", "_", 20);
    query.outlet = q.Text("outlet");
    query.country = q.Word("country", "", 2);
    if (!query.country.empty() && query.country.size() != 2)
      q.Fail("\"country\" must be an ISO 3166-1 alpha-2 code such as MX");
    query.date_from = q.Date("from");
    query.date_to = q.Date("to");
    if (auto d = q.Int("min_deaths", 0, 1'000'000'000)) query.min_killed = static_cast<double>(*d);
    query.running_total = q.Bool("running_total");
    std::string sort = q.Word("sort", "-_", 20);
    if (!sort.empty()) query.sort = sort;
    ReadPaging(&q, options.max_page_size, &query.limit, &query.offset);
    if (!q.ok()) return Status::InvalidInput(q.error());
    auto page = store->QueryEventMentions(query);
    if (!page.ok()) return page.status();
    if (mention_id && page->mentions.empty())
      return Status::NotFound("no event mention with id " + std::to_string(mention_id));
    // Each mention with the event that holds it now ("event", null when
    // none: a running total, a general statement).
    std::vector<int64_t> ids;
    for (const StoredEventMention& m : page->mentions) ids.push_back(m.id);
    auto keys = store->EventKeysOfMentions(ids);
    if (!keys.ok()) return keys.status();
    std::map<int64_t, std::string> event_of(keys->begin(), keys->end());
    Json items = Json::array();
    for (const StoredEventMention& m : page->mentions) {
      Json j = MentionJson(m);
      auto it = event_of.find(m.id);
      j["event"] = it == event_of.end() ? Json() : Json(it->second);
      items.push_back(std::move(j));
    }
    if (mention_id) return JsonResponse(items[0]);
    return JsonResponse(PageJson(page->total, query.limit, query.offset, std::move(items)));
  }
};

int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kInvalidInput: return 400;
    case Status::Code::kNotFound: return 404;
    case Status::Code::kIoError: return 503;
    default: return 500;
  }
}

}  // namespace

namespace {

// Which write a request is, if any.
enum class WriteKind { kNone, kDocument, kCorrection, kUndo };

WriteKind WriteOf(const ApiRequest& req) {
  const std::string& path = req.path;
  if (req.method == "POST" && path == "/api/documents") return WriteKind::kDocument;
  if (req.method == "POST" && StartsWith(path, "/api/events/") && path.size() > 24 &&
      path.compare(path.size() - 12, 12, "/corrections") == 0)
    return WriteKind::kCorrection;
  if (req.method == "DELETE" && StartsWith(path, "/api/corrections/")) return WriteKind::kUndo;
  return WriteKind::kNone;
}

Json CorrectionObject(const Correction& c, const std::vector<std::string>& events) {
  Json j;
  j["id"] = c.id;
  j["created_at"] = c.created_at;
  j["action"] = CorrectionActionName(c.action);
  j["field"] = StrOrNull(c.field);
  j["value"] = StrOrNull(c.value);
  j["note"] = c.note;
  j["mentions"] = c.mentions;
  // The events that hold the correction's mentions now, each once.
  Json held = Json::array();
  std::set<std::string> seen;
  for (const std::string& e : events)
    if (!e.empty() && seen.insert(e).second) held.push_back(e);
  j["events"] = std::move(held);
  return j;
}

// The body of POST /api/events/{id}/corrections as a request for the
// library (vigil/corrections.h); |event| is the id from the path.
Result<CorrectionRequest> ReadCorrectionBody(const std::string& body, const std::string& event) {
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::InvalidInput("the body must be a JSON object");
  CorrectionRequest r;
  r.events = {event};
  static const std::set<std::string> kKnown = {"action", "note", "field", "value", "with",
                                               "mentions"};
  for (const auto& [k, v] : j.items())
    if (!kKnown.count(k)) return Status::InvalidInput("unknown field \"" + k + "\"");
  if (!j.contains("action") || !j["action"].is_string())
    return Status::InvalidInput("\"action\" is one of: reject, unreject, set, merge, split");
  auto action = ParseCorrectionAction(j["action"].get<std::string>());
  if (!action.ok()) return action.status();
  r.action = *action;
  if (j.contains("note")) {
    if (!j["note"].is_string()) return Status::InvalidInput("\"note\" must be a string");
    r.note = j["note"].get<std::string>();
    if (r.note.size() > 2000) return Status::InvalidInput("\"note\" is longer than 2000 bytes");
  }
  if (j.contains("field")) {
    if (!j["field"].is_string()) return Status::InvalidInput("\"field\" must be a string");
    r.field = j["field"].get<std::string>();
  }
  if (j.contains("value")) {
    const Json& v = j["value"];
    if (v.is_number()) {
      r.value = v.dump();
    } else if (v.is_string()) {
      r.value = v.get<std::string>();
    } else {
      return Status::InvalidInput("\"value\" must be a number");
    }
    if (r.value.size() > 32) return Status::InvalidInput("\"value\" must be a number");
  }
  if (j.contains("with")) {
    if (!j["with"].is_array() || j["with"].size() > 50)
      return Status::InvalidInput("\"with\" must be an array of event ids");
    for (const auto& e : j["with"]) {
      if (!e.is_string() || !IsEventKey(e.get<std::string>()))
        return Status::InvalidInput("\"with\" must be an array of event ids (E and hex digits)");
      r.events.push_back(e.get<std::string>());
    }
  }
  if (j.contains("mentions")) {
    if (!j["mentions"].is_array() || j["mentions"].size() > 1000)
      return Status::InvalidInput("\"mentions\" must be an array of mention ids");
    for (const auto& m : j["mentions"]) {
      if (!m.is_number_integer() || m.get<int64_t>() <= 0)
        return Status::InvalidInput("\"mentions\" must be an array of mention ids");
      r.mentions.push_back(m.get<int64_t>());
    }
  }
  if (r.action != CorrectionAction::kMerge && j.contains("with"))
    return Status::InvalidInput("only a merge names other events (\"with\")");
  return r;
}

}  // namespace

namespace {

Result<ApiResponse> Handlers::Corrections(const Params& params) {
  QueryReader q(params, {});
  if (!q.ok()) return Status::InvalidInput(q.error());
  auto list = store->ListCorrections();
  if (!list.ok()) return list.status();
  Json items = Json::array();
  for (const Correction& c : *list) {
    auto events = store->EventsOfMentionKeys(c.mentions);
    if (!events.ok()) return events.status();
    items.push_back(CorrectionObject(c, *events));
  }
  Json j;
  j["items"] = std::move(items);
  return JsonResponse(j);
}

}  // namespace

ApiResponse Api::HandleWrite(const ApiRequest& req, Store* store) {
  const WriteKind kind = WriteOf(req);
  std::lock_guard<std::mutex> lock(write_mu_);
  store->SetDeadline({});  // a write is not interrupted half-way
  // After a write the ledger is rebuilt from every mention and correction,
  // as the CLI does after `vigil ingest` and `vigil edit`.
  auto resolve = [&](Json* j) {
    auto report = Resolve(store, options_.resources);
    (*j)["ledger_updated"] = report.ok();
    if (!report.ok()) (*j)["ledger_error"] = report.status().message();
    else if (!report->correction_problems.empty())
      (*j)["ledger_warnings"] = report->correction_problems;
  };
  Status failed = Status::Ok();
  if (kind == WriteKind::kDocument) {
    // The body is one document, as one line of a JSON Lines file
    // (docs/INPUT.md); it goes through the same Pipeline as `vigil ingest`.
    RawItem item;
    item.origin = "api";
    item.kind = RawKind::kJsonLine;
    item.bytes = req.body;
    item.input_bytes = req.body.size();
    uint64_t mentions = 0;
    auto put = pipeline_.IngestItem(store, item, ReadOptions(), &mentions);
    if (put.ok()) {
      Json j;
      j["id"] = put->id;
      const char* outcome = put->outcome == PutOutcome::kInserted      ? "inserted"
                            : put->outcome == PutOutcome::kNewVersion ? "new_version"
                                                                      : "already_present";
      j["outcome"] = outcome;
      j["previous_version"] = put->previous_version ? Json(put->previous_version) : Json();
      j["event_mentions"] = mentions;
      if (put->outcome != PutOutcome::kAlreadyPresent) resolve(&j);
      else j["ledger_updated"] = true;
      ApiResponse r = JsonResponse(j, put->outcome == PutOutcome::kAlreadyPresent ? 200 : 201);
      r.headers.push_back({"Location", "/api/documents/" + std::to_string(put->id)});
      return r;
    }
    failed = put.status();
  } else if (kind == WriteKind::kCorrection) {
    constexpr std::string_view kPrefix = "/api/events/";
    std::string key = req.path.substr(kPrefix.size(), req.path.size() - kPrefix.size() - 12);
    if (!IsEventKey(key)) return Error(400, "an event id is E followed by hex digits");
    auto request = ReadCorrectionBody(req.body, key);
    if (!request.ok()) return Error(400, request.status().message());
    auto c = RecordCorrection(store, *request);
    if (c.ok()) {
      Json j;
      resolve(&j);
      auto events = store->EventsOfMentionKeys(c->mentions);
      j["correction"] = CorrectionObject(*c, events.ok() ? *events : std::vector<std::string>());
      ApiResponse r = JsonResponse(j, 201);
      return r;
    }
    failed = c.status();
  } else {
    auto id = IdAfter(req.path, "/api/corrections/");
    if (!id) return Error(400, "correction id must be a positive integer");
    auto list = store->ListCorrections();
    if (!list.ok()) return Error(503, list.status().message());
    auto it = std::find_if(list->begin(), list->end(),
                           [&](const Correction& c) { return c.id == *id; });
    if (it == list->end()) return Error(404, "no correction " + std::to_string(*id));
    Status s = store->DeleteCorrection(*id);
    if (s.ok()) {
      Json j;
      resolve(&j);
      auto events = store->EventsOfMentionKeys(it->mentions);
      j["deleted"] = CorrectionObject(*it, events.ok() ? *events : std::vector<std::string>());
      return JsonResponse(j);
    }
    failed = s;
  }
  return Error(HttpStatusFor(failed), failed.message());
}

ApiResponse Api::Handle(const ApiRequest& req) {
  const std::string& path = req.path;
  if (!StartsWith(path, "/api/") && path != "/api") {
    if (req.method != "GET" && req.method != "HEAD")
      return Error(405, "the dashboard's files are read with GET");
    std::string_view want = path == "/index.html" ? std::string_view("/") : path;
    for (const EmbeddedAsset& a : EmbeddedAssets()) {
      if (a.path != want) continue;
      ApiResponse r;
      r.content_type = std::string(a.content_type);
      r.body = std::string(a.data);
      r.headers.push_back({"Cache-Control", "no-cache"});
      return r;
    }
    return Error(404, "no such page: " + path);
  }

  const WriteKind write = WriteOf(req);
  if (write == WriteKind::kNone && req.method != "GET" && req.method != "HEAD")
    return Error(405, "method " + req.method + " is not allowed on " + path);

  if (write != WriteKind::kNone) {
    if (options_.token.empty())
      return Error(403, "the server is read-only (start it with --token to accept documents "
                        "and corrections)");
    constexpr std::string_view kBearer = "Bearer ";
    std::string_view auth = req.authorization;
    if (!StartsWith(auth, kBearer) || !TokenMatches(auth.substr(kBearer.size()), options_.token)) {
      ApiResponse r = Error(401, "a valid token is required: Authorization: Bearer <token>");
      r.headers.push_back({"WWW-Authenticate", "Bearer"});
      return r;
    }
    if (write != WriteKind::kUndo && !StartsWith(req.content_type, "application/json"))
      return Error(415, "post the body as application/json");
    if (!req.params.empty()) return Error(400, "this endpoint takes no query parameters");
  }

  auto lease = pool_.Acquire();
  if (!lease.ok()) return Error(503, "the database cannot be opened: " + lease.status().message());
  Store* store = lease->get();
  if (write != WriteKind::kNone) return HandleWrite(req, store);
  const auto deadline = std::chrono::steady_clock::now() + options_.time_per_request;
  store->SetDeadline(deadline);
  // Every read of one request from one snapshot: a count and its page, a
  // version and what is cached under it, the parts of /api/stats, all from
  // the same commit while an ingest or a resolution writes (the lease ends
  // the snapshot when the request is answered).
  if (Status s = store->BeginRead(); !s.ok())
    return Error(503, "the database cannot be read: " + s.message());

  Result<ApiResponse> result = Status::NotFound("no such endpoint: " + path);
  Handlers h{store, options_};
  if (path == "/api" || path == "/api/") {
    // What this server offers, so that clients (the dashboard) can ask
    // instead of probing for a 404.
    Json j;
    j["name"] = "vigil";
    j["read_only"] = options_.token.empty();
    j["max_page_size"] = options_.max_page_size;
    j["endpoints"] = {"/api/stats",     "/api/updated",       "/api/documents",
                      "/api/documents/{id}",                  "/api/outlets",
                      "/api/mentions",  "/api/mentions/{id}", "/api/events",
                      "/api/events/{id}",                     "/api/timeline",
                      "/api/map",       "/api/campaigns",
                      "/api/campaigns/{name}/tally",          "/api/export",
                      "/api/corrections"};
    j["search"] = true;
    return JsonResponse(j);
  } else if (path == "/api/stats") {
    result = h.Stats();
  } else if (path == "/api/updated") {
    result = h.Updated(req.params);
  } else if (path == "/api/documents") {
    result = h.Documents(req.params);
  } else if (StartsWith(path, "/api/documents/")) {
    auto id = IdAfter(path, "/api/documents/");
    result = id ? h.Document(*id, req.params)
                : Result<ApiResponse>(Status::InvalidInput("document id must be a positive integer"));
  } else if (path == "/api/events") {
    result = h.Events(req.params);
  } else if (StartsWith(path, "/api/events/")) {
    result = h.Event(path.substr(std::string_view("/api/events/").size()), req.params);
  } else if (path == "/api/timeline" || path == "/api/map") {
    std::string key = path;
    for (const auto& [name, value] : req.params) {
      key += '\n';
      key += name;
      key += '=';
      key += value;
    }
    auto version = store->LedgerVersion();
    ApiResponse cached;
    if (version.ok() && aggregates_.Find(key, *version, &cached.body)) return cached;
    result = path == "/api/timeline" ? h.Timeline(req.params) : h.Map(req.params);
    if (version.ok() && result.ok() && result->status == 200)
      aggregates_.Put(key, *version, result->body);
  } else if (path == "/api/corrections") {
    result = h.Corrections(req.params);
  } else if (path == "/api/campaigns") {
    result = h.Campaigns(req.params);
  } else if (StartsWith(path, "/api/campaigns/") && path.size() > 21 &&
             path.compare(path.size() - 6, 6, "/tally") == 0) {
    std::string name = path.substr(15, path.size() - 15 - 6);
    bool good = !name.empty() && name.size() <= 64;
    for (char c : name)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
        good = false;
    result = good ? h.Tally(name, req.params)
                  : Result<ApiResponse>(Status::InvalidInput("not a campaign name"));
  } else if (path == "/api/export") {
    result = h.Export(req.params);
  } else if (path == "/api/outlets") {
    result = h.Outlets(req.params);
  } else if (path == "/api/mentions") {
    result = h.Mentions(req.params, 0);
  } else if (StartsWith(path, "/api/mentions/")) {
    auto id = IdAfter(path, "/api/mentions/");
    result = id ? h.Mentions(req.params, *id)
                : Result<ApiResponse>(Status::InvalidInput("mention id must be a positive integer"));
  }
  if (result.ok()) return std::move(result.value());
  if (std::chrono::steady_clock::now() > deadline)
    return Error(503, "the request took longer than the limit of " +
                          std::to_string(options_.time_per_request.count()) + " ms");
  return Error(HttpStatusFor(result.status()), result.status().message());
}

}  // namespace vigil
