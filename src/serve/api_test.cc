#include "serve/api.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "vigil/pipeline.h"
#include "vigil/resolve.h"
#include "vigil/resources.h"
#include "vigil/store.h"

namespace vigil {
namespace {

using Json = nlohmann::json;

// A ledger ingested from examples/corpus, once for all tests.
class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(std::filesystem::temp_directory_path() /
                           ("vigil-api-test-" + std::to_string(::getpid())));
    std::filesystem::create_directories(*dir_);
    db_ = new std::string(*dir_ + "/ledger.db");
    auto res = Resources::LoadDefault();
    ASSERT_TRUE(res.ok()) << res.status().ToString();
    resources_ = res->release();
    auto store = Store::Open(*db_);
    ASSERT_TRUE(store.ok());
    Pipeline pipeline(resources_);
    IngestOptions options;
    options.threads = 2;
    auto report = pipeline.Ingest(store->get(), {std::string(VIGIL_SOURCE_DIR) + "/examples/corpus"},
                                  options, nullptr);
    ASSERT_TRUE(report.ok());
    ASSERT_GT(report->inserted, 20u);
    auto resolved = Resolve(store->get(), resources_);
    ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
    ASSERT_GT(resolved->events, 20u);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete resources_;
    delete db_;
    delete dir_;
  }

  ApiResponse Get(Api& api, const std::string& path,
                  std::vector<std::pair<std::string, std::string>> params = {}) {
    ApiRequest r;
    r.method = "GET";
    r.path = path;
    r.params = std::move(params);
    return api.Handle(r);
  }

  ServeOptions Options() {
    ServeOptions o;
    o.db_path = *db_;
    o.resources = resources_;
    return o;
  }

  // Options of a server with the token "t0ken" on a fresh copy of the
  // ledger, named |name|, that a test may write to.
  ServeOptions WritableCopy(const std::string& name) {
    std::filesystem::copy_file(*db_, *dir_ + "/" + name,
                               std::filesystem::copy_options::overwrite_existing);
    ServeOptions o = Options();
    o.db_path = *dir_ + "/" + name;
    o.token = "t0ken";
    return o;
  }

  static std::string* dir_;
  static std::string* db_;
  static Resources* resources_;
};
std::string* ApiTest::dir_ = nullptr;
std::string* ApiTest::db_ = nullptr;
Resources* ApiTest::resources_ = nullptr;

TEST_F(ApiTest, StatsAndPaging) {
  ServeOptions o = Options();
  Api api(o);
  Json stats = Json::parse(Get(api, "/api/stats").body);
  int64_t docs = stats["documents"];
  ASSERT_GT(docs, 20);
  ApiResponse page = Get(api, "/api/documents", {{"limit", "7"}, {"offset", "3"}});
  ASSERT_EQ(page.status, 200) << page.body;
  Json j = Json::parse(page.body);
  EXPECT_EQ(j["total"], docs);
  ASSERT_EQ(j["items"].size(), 7u);
  EXPECT_EQ(j["items"][0]["id"], 4);
  // Sorting descending by id reverses the order.
  Json desc = Json::parse(Get(api, "/api/documents", {{"sort", "-id"}, {"limit", "1"}}).body);
  EXPECT_EQ(desc["items"][0]["id"], docs);
}

TEST_F(ApiTest, MentionFiltersAgreeWithEachItem) {
  ServeOptions o = Options();
  Api api(o);
  Json all = Json::array();
  int64_t total = 0;
  do {
    Json page = Json::parse(
        Get(api, "/api/mentions", {{"limit", "500"}, {"offset", std::to_string(all.size())}}).body);
    total = page["total"];
    ASSERT_FALSE(page["items"].empty());
    for (Json& m : page["items"]) all.push_back(std::move(m));
  } while (static_cast<int64_t>(all.size()) < total);
  ASSERT_GT(total, 0);
  int occurred_assaults = 0, with_deaths = 0;
  for (const Json& m : all) {
    if (m["type"] == "ASSAULT" && m["status"] == "occurred") ++occurred_assaults;
    if (!m["killed"].is_null() && m["killed"]["value"].get<double>() >= 3) ++with_deaths;
  }
  Json a = Json::parse(Get(api, "/api/mentions",
                           {{"type", "ASSAULT"}, {"status", "occurred"}, {"limit", "500"}}).body);
  EXPECT_EQ(a["total"], occurred_assaults);
  Json d = Json::parse(Get(api, "/api/mentions", {{"min_deaths", "3"}, {"limit", "500"}}).body);
  EXPECT_EQ(d["total"], with_deaths);
  ASSERT_GT(with_deaths, 0);
  // One mention by id has the same fields as in the list.
  const Json& first = all[0];
  Json one = Json::parse(Get(api, "/api/mentions/" + std::to_string(first["id"].get<int64_t>())).body);
  EXPECT_EQ(one, first);
}

TEST_F(ApiTest, EventsPageAndOneEvent) {
  ServeOptions o = Options();
  Api api(o);
  Json page = Json::parse(Get(api, "/api/events", {{"limit", "5"}, {"sort", "-killed"}}).body);
  ASSERT_GT(page["total"].get<int>(), 20);
  ASSERT_EQ(page["items"].size(), 5u);
  const Json& top = page["items"][0];
  EXPECT_EQ(top["schema"], "vigil.events/1");
  EXPECT_GE(top["killed"]["best"].get<double>(), page["items"][4]["killed"]["best"].get<double>());
  ApiResponse one = Get(api, "/api/events/" + top["id"].get<std::string>());
  ASSERT_EQ(one.status, 200) << one.body;
  // The list is the summary form: the event without its mentions, origin
  // list and reported figures; view=full gives the whole event.
  Json whole = Json::parse(one.body);
  EXPECT_FALSE(top.contains("mentions"));
  EXPECT_FALSE(top.contains("origin_list"));
  EXPECT_FALSE(top["killed"].contains("reported"));
  EXPECT_EQ(top["mention_count"].get<size_t>(), whole["mentions"].size());
  EXPECT_EQ(top["outlet"], whole["mentions"][0]["outlet"]);
  for (const char* k : {"id", "type", "mode", "status", "date_start", "date_end", "place", "flags",
                        "reports", "origins", "first_reported", "first_ingested", "last_ingested"})
    EXPECT_EQ(top[k], whole[k]) << k;
  EXPECT_EQ(top["killed"]["best"], whole["killed"]["best"]);
  Json full = Json::parse(
      Get(api, "/api/events", {{"limit", "5"}, {"sort", "-killed"}, {"view", "full"}}).body);
  // The one event adds, per mention, the words behind its figures; the
  // list does not read the documents' extractions.
  Json without_figures = whole;
  size_t killed_words = 0;
  for (Json& m : without_figures["mentions"]) {
    ASSERT_TRUE(m.contains("figures"));
    for (const Json& f : m["figures"]) {
      if (f["field"] != "killed") continue;
      ++killed_words;
      // The span points at the words in the document: they are in the sentence.
      EXPECT_NE(m["text"].get<std::string>().find(f["text"].get<std::string>()), std::string::npos);
      EXPECT_GE(f["span"][0].get<int64_t>(), m["span"][0].get<int64_t>());
      EXPECT_LE(f["span"][1].get<int64_t>(), m["span"][1].get<int64_t>());
    }
    m.erase("figures");
  }
  if (whole["killed"].is_object()) {
    EXPECT_GT(killed_words, 0u);
  }
  EXPECT_EQ(full["items"][0], without_figures);
  EXPECT_EQ(full["total"], page["total"]);
  EXPECT_EQ(Get(api, "/api/events", {{"view", "short"}}).status, 400);
  EXPECT_EQ(Get(api, "/api/events", {{"view", "full"}, {"view", "full"}}).status, 400);
  EXPECT_EQ(Get(api, "/api/events/E00").status, 404);
  EXPECT_EQ(Get(api, "/api/events/x'--").status, 400);
  EXPECT_EQ(Get(api, "/api/events", {{"bbox", "10,20"}}).status, 400);
  EXPECT_EQ(Get(api, "/api/export", {{"format", "pdf"}}).status, 400);
  ApiResponse csv = Get(api, "/api/export", {{"format", "csv"}});
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), page["total"].get<int>() + 1);
}

// A page of /api/events is not torn while another connection commits: its
// "total" and its items come from one commit. A writer keeps adding events
// of 1999 one commit at a time and removing them all in one, so a page of
// that year must list exactly "total" items; reading the count and the page
// from two commits (or a cached count with a fresh page) would break that.
TEST_F(ApiTest, EventsPageIsOneCommitWhileAWriterCommits) {
  ServeOptions o = WritableCopy("torn.db");
  Api api(o);
  std::atomic<bool> stop{false};
  std::atomic<int> commits{0};
  std::thread writer([&] {
    auto opened = Store::Open(o.db_path);
    if (!opened.ok()) return;
    Store* store = opened->get();
    int serial = 0;
    std::vector<std::string> keys;
    while (!stop.load()) {
      auto w = store->BeginLedgerWrite();
      if (!w.ok()) continue;  // busy: the next round tries again
      bool ok = true;
      if (keys.size() < 4) {
        EventRow e;
        e.key = "E" + std::to_string(1900000000 + ++serial);
        e.type = "ASSAULT";
        e.status = "occurred";
        e.date_start = e.date_end = "1999-06-0" + std::to_string(1 + keys.size());
        e.json = "{\"id\":\"" + e.key + "\",\"mentions\":[]}";
        ok = (*w)->PutEvent(e, {}).ok();
        if (ok) keys.push_back(e.key);
      } else {
        for (const std::string& k : keys) ok = ok && (*w)->RemoveEvent(k).ok();
        if (ok) keys.clear();
      }
      if (ok && (*w)->Commit(true).ok()) ++commits;
    }
  });
  const std::vector<std::pair<std::string, std::string>> year = {
      {"from", "1999-01-01"}, {"to", "1999-12-31"}, {"limit", "500"}};
  int requests = 0, partial = 0;
  std::set<int64_t> totals;
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  while (std::chrono::steady_clock::now() < until || commits.load() < 20) {
    auto params = year;
    if (requests % 3 == 2) params.push_back({"view", "full"});
    ApiResponse r = Get(api, "/api/events", params);
    ++requests;
    ASSERT_EQ(r.status, 200) << r.body;
    Json j = Json::parse(r.body);
    int64_t total = j["total"];
    ASSERT_EQ(static_cast<int64_t>(j["items"].size()), total)
        << "torn page after " << commits.load() << " commits: " << r.body.substr(0, 300);
    totals.insert(total);
    if (total > 0) ++partial;
    if (requests > 200000) break;
  }
  stop = true;
  writer.join();
  // The pages did see the writer's commits, and more than one state of them.
  EXPECT_GE(commits.load(), 20);
  EXPECT_GT(partial, 0);
  EXPECT_GE(totals.size(), 3u) << requests << " requests";
}

TEST_F(ApiTest, BadParametersAreJsonErrors) {
  ServeOptions o = Options();
  Api api(o);
  for (auto params : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {{"limit", "501"}}, {{"limit", "x"}}, {{"from", "2025-02-30x"}}, {{"nope", "1"}},
           {{"sort", "text"}}, {{"limit", "1"}, {"limit", "2"}}}) {
    ApiResponse r = Get(api, "/api/documents", params);
    EXPECT_EQ(r.status, 400) << params[0].first;
    Json j = Json::parse(r.body);
    EXPECT_EQ(j["status"], 400);
    EXPECT_FALSE(j["reason"].get<std::string>().empty());
  }
  EXPECT_EQ(Get(api, "/api/documents/0").status, 400);
  EXPECT_EQ(Get(api, "/api/documents/123456").status, 404);
  EXPECT_EQ(Get(api, "/api/unknown").status, 404);
}

TEST_F(ApiTest, InjectionStringsMatchNothing) {
  ServeOptions o = Options();
  Api api(o);
  for (const char* inj : {"' OR '1'='1", "x'; DROP TABLE documents; --", "\" OR 1=1 --"}) {
    Json d = Json::parse(Get(api, "/api/documents", {{"outlet", inj}}).body);
    EXPECT_EQ(d["total"], 0) << inj;
    Json m = Json::parse(Get(api, "/api/mentions", {{"outlet", inj}}).body);
    EXPECT_EQ(m["total"], 0) << inj;
    EXPECT_EQ(Get(api, "/api/mentions", {{"type", inj}}).status, 400);
  }
  Json stats = Json::parse(Get(api, "/api/stats").body);
  EXPECT_GT(stats["documents"].get<int>(), 20);
}

TEST_F(ApiTest, TimeLimitStopsAQuery) {
  ServeOptions o = Options();
  o.time_per_request = std::chrono::milliseconds(0);
  Api api(o);
  ApiResponse r = Get(api, "/api/mentions", {{"limit", "500"}});
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_NE(Json::parse(r.body)["reason"].get<std::string>().find("longer than"), std::string::npos);
}

TEST_F(ApiTest, PostNeedsTheToken) {
  ServeOptions o = Options();
  ApiRequest post;
  post.method = "POST";
  post.path = "/api/documents";
  post.content_type = "application/json";
  post.body = R"({"text": "A strike killed 2 people off Colombia on Monday, officials said.",
                  "published": "2025-11-10", "outlet": "Unit Test"})";
  {
    Api read_only(o);
    EXPECT_EQ(read_only.Handle(post).status, 403);
  }
  o = WritableCopy("rw.db");
  Api api(o);
  EXPECT_EQ(api.Handle(post).status, 401);
  post.authorization = "Bearer t0ke";
  EXPECT_EQ(api.Handle(post).status, 401);
  post.authorization = "Bearer t0ken";
  ApiResponse r = api.Handle(post);
  ASSERT_EQ(r.status, 201) << r.body;
  Json j = Json::parse(r.body);
  EXPECT_EQ(j["outcome"], "inserted");
  EXPECT_GE(j["event_mentions"].get<int>(), 1);
  EXPECT_EQ(Json::parse(api.Handle(post).body)["outcome"], "already_present");
}

// Every event of the ledger (all pages) with |params|.
Json AllEvents(Api& api, std::vector<std::pair<std::string, std::string>> params,
               ApiResponse (*get)(Api&, const std::string&,
                                  std::vector<std::pair<std::string, std::string>>)) {
  Json all = Json::array();
  for (;;) {
    auto p = params;
    p.push_back({"limit", "500"});
    p.push_back({"offset", std::to_string(all.size())});
    Json page = Json::parse(get(api, "/api/events", p).body);
    for (Json& e : page["items"]) all.push_back(std::move(e));
    if (page["items"].empty() || static_cast<int64_t>(all.size()) >= page["total"].get<int64_t>())
      return all;
  }
}

ApiResponse GetFree(Api& api, const std::string& path,
                    std::vector<std::pair<std::string, std::string>> params) {
  ApiRequest r;
  r.method = "GET";
  r.path = path;
  r.params = std::move(params);
  return api.Handle(r);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The dashboard's aggregates against the events list they summarise.
TEST_F(ApiTest, TimelineAndMapAggregateTheFilteredEvents) {
  ServeOptions o = Options();
  Api api(o);
  for (const std::vector<std::pair<std::string, std::string>>& filter :
       std::vector<std::vector<std::pair<std::string, std::string>>>{
           {}, {{"type", "ASSAULT"}}, {{"status", "occurred"}, {"from", "2025-10-01"}}}) {
    Json events = AllEvents(api, filter, GetFree);
    ASSERT_FALSE(events.empty());
    ApiResponse tr = Get(api, "/api/timeline", filter);
    ASSERT_EQ(tr.status, 200) << tr.body;
    Json t = Json::parse(tr.body);
    // The same counts made from the events themselves.
    std::map<std::string, int64_t> per_day;
    double killed = 0;
    int64_t located = 0, undated = 0, happened = 0;
    for (const Json& e : events) {
      if (e["killed"].is_object()) killed += e["killed"]["best"].get<double>();
      if (e["place"].is_object() && e["place"]["lat"].is_number()) ++located;
      if (e["status"] == "occurred" || e["status"] == "ongoing") ++happened;
      if (!e["date_start"].is_string()) ++undated;
      else per_day[e["date_start"].get<std::string>().substr(0, 10) + " " + e["type"].get<std::string>() +
                   " " + e["status"].get<std::string>()]++;
    }
    EXPECT_EQ(t["total"].get<size_t>(), events.size());
    EXPECT_EQ(t["located"].get<int64_t>(), located);
    EXPECT_EQ(t["undated"].get<int64_t>(), undated);
    EXPECT_EQ(t["happened"].get<int64_t>(), happened);
    EXPECT_DOUBLE_EQ(t["killed"].get<double>(), killed);
    std::map<std::string, int64_t> got;
    for (const Json& d : t["days"])
      got[d["day"].get<std::string>() + " " + d["type"].get<std::string>() + " " +
          d["status"].get<std::string>()] = d["events"].get<int64_t>();
    EXPECT_EQ(got, per_day);
    ApiResponse mr = Get(api, "/api/map", filter);
    ASSERT_EQ(mr.status, 200) << mr.body;
    Json m = Json::parse(mr.body);
    EXPECT_EQ(m["total"].get<int64_t>(), located);
    ASSERT_EQ(m["items"].size(), static_cast<size_t>(located));
    std::map<std::string, const Json*> by_id;
    for (const Json& e : events) by_id[e["id"].get<std::string>()] = &e;
    double previous = 1e18;
    for (const Json& p : m["items"]) {
      ASSERT_TRUE(by_id.count(p["id"].get<std::string>())) << p;
      const Json& e = *by_id[p["id"].get<std::string>()];
      EXPECT_EQ(p["lat"], e["place"]["lat"]);
      EXPECT_EQ(p["lon"], e["place"]["lon"]);
      EXPECT_EQ(p["type"], e["type"]);
      double k = p["killed"].is_number() ? p["killed"].get<double>() : -1;
      EXPECT_LE(k, previous) << "most deaths first";
      previous = k;
    }
  }
  Json few = Json::parse(Get(api, "/api/map", {{"limit", "3"}}).body);
  EXPECT_EQ(few["items"].size(), 3u);
  EXPECT_GT(few["total"].get<int>(), 3);
  EXPECT_EQ(Get(api, "/api/map", {{"limit", "0"}}).status, 400);
  EXPECT_EQ(Get(api, "/api/timeline", {{"sort", "date"}}).status, 400);
  EXPECT_EQ(Get(api, "/api/timeline", {{"from", "2025-13-01"}}).status, 400);
}

// Each mention says which event holds it now.
TEST_F(ApiTest, MentionsNameTheirEvent) {
  ServeOptions o = Options();
  Api api(o);
  Json events = AllEvents(api, {{"view", "full"}}, GetFree);
  std::map<int64_t, std::string> want;
  for (const Json& e : events)
    for (const Json& m : e["mentions"]) want[m["mention_id"].get<int64_t>()] = e["id"];
  Json page = Json::parse(Get(api, "/api/mentions", {{"limit", "500"}}).body);
  size_t held = 0;
  for (const Json& m : page["items"]) {
    auto it = want.find(m["id"].get<int64_t>());
    if (it == want.end()) continue;
    EXPECT_EQ(m["event"], it->second);
    ++held;
  }
  EXPECT_GT(held, 10u);
}

TEST_F(ApiTest, SearchFindsTheEventsWhoseSentencesOrTitlesHoldTheWord) {
  ServeOptions o = Options();
  Api api(o);
  // The same question answered from the events' own JSON: a member's
  // sentence or its document's title holds the word.
  Json all = AllEvents(api, {{"view", "full"}}, GetFree);
  std::set<std::string> want;
  for (const Json& e : all)
    for (const Json& m : e["mentions"])
      if (Lower(m.value("text", "")).find("caribbean") != std::string::npos ||
          (m["title"].is_string() && Lower(m["title"].get<std::string>()).find("caribbean") != std::string::npos))
        want.insert(e["id"].get<std::string>());
  Json found = AllEvents(api, {{"q", "CARIBBEAN"}}, GetFree);
  std::set<std::string> got;
  for (const Json& e : found) got.insert(e["id"].get<std::string>());
  ASSERT_FALSE(want.empty());
  EXPECT_LT(want.size(), all.size());
  EXPECT_EQ(got, want);
  // A phrase, a prefix and an excluded word narrow it; the export agrees.
  Json phrase = Json::parse(Get(api, "/api/events", {{"q", "\"eastern pacific\""}}).body);
  Json words = Json::parse(Get(api, "/api/events", {{"q", "eastern pacific"}}).body);
  EXPECT_GT(phrase["total"].get<int>(), 0);
  EXPECT_LE(phrase["total"].get<int>(), words["total"].get<int>());
  Json prefix = Json::parse(Get(api, "/api/events", {{"q", "carib*"}}).body);
  EXPECT_GE(prefix["total"].get<size_t>(), want.size());
  Json without = Json::parse(Get(api, "/api/events", {{"q", "caribbean -boat"}}).body);
  EXPECT_LT(without["total"].get<size_t>(), want.size());
  ApiResponse jsonl = Get(api, "/api/export", {{"q", "caribbean"}});
  EXPECT_EQ(static_cast<size_t>(std::count(jsonl.body.begin(), jsonl.body.end(), '\n')), want.size());
  // Documents: the title or a sentence.
  Json docs = Json::parse(Get(api, "/api/documents", {{"q", "caribbean"}, {"limit", "500"}}).body);
  int64_t with_word = 0;
  for (int64_t id = 1;; ++id) {
    ApiResponse d = Get(api, "/api/documents/" + std::to_string(id));
    if (d.status != 200) break;
    Json dj = Json::parse(d.body);
    if (Lower(dj.value("text", "")).find("caribbean") != std::string::npos ||
        (dj["title"].is_string() && Lower(dj["title"].get<std::string>()).find("caribbean") != std::string::npos))
      ++with_word;
  }
  EXPECT_EQ(docs["total"].get<int64_t>(), with_word);
}

TEST_F(ApiTest, SearchSyntaxNeverFailsTheServer) {
  ServeOptions o = Options();
  Api api(o);
  // FTS5 operators and quoting typed by a user are words: 200, never a
  // syntax error (which would be a 500).
  for (const char* q : {"NEAR", "NEAR(strike boat, 2)", "strike AND", "OR", "NOT strike", "strike NOT",
                        "(strike)", "\"strike", "strike\"", "text:strike", "^strike",
                        "strike*", "st*rike", "+strike", "{text}:boat", "'s", "a\\b", "a;b", "%_x",
                        "boat \"\" strike", "- strike", "strike -", "\xc3\xa9t\xc3\xa9"}) {
    for (const char* path : {"/api/events", "/api/documents", "/api/export"}) {
      ApiResponse r = Get(api, path, {{"q", q}});
      EXPECT_EQ(r.status, 200) << path << " q=" << q << ": " << r.body;
    }
  }
  // Nothing to look for, only exclusions, not UTF-8, too long: a 400 with a
  // reason naming the parameter.
  for (std::string q : {std::string("\"*\""), std::string("*"), std::string("-boat"),
                        std::string("("), std::string(")"), std::string("\"\"\""), std::string("'"),
                        std::string("\\"), std::string("%_"),
                        std::string("- -- ---"), std::string("\xff\xfe"), std::string(201, 'a')}) {
    ApiResponse r = Get(api, "/api/events", {{"q", q}});
    EXPECT_EQ(r.status, 400) << q << ": " << r.body;
    EXPECT_NE(Json::parse(r.body)["reason"].get<std::string>().find("\"q\""), std::string::npos) << r.body;
  }
  EXPECT_EQ(Get(api, "/api/documents", {{"q", "-"}}).status, 400);
  // An empty search is no search.
  EXPECT_EQ(Json::parse(Get(api, "/api/events", {{"q", ""}}).body)["total"],
            Json::parse(Get(api, "/api/events").body)["total"]);
}

TEST_F(ApiTest, StatsAndEventsSayWhenTheyArrived) {
  ServeOptions o = Options();
  Api api(o);
  Json stats = Json::parse(Get(api, "/api/stats").body);
  ASSERT_TRUE(stats["ledger_updated_at"].is_string());
  ASSERT_TRUE(stats["last_ingested_at"].is_string());
  EXPECT_GE(stats["ledger_updated_at"].get<std::string>(), stats["last_ingested_at"].get<std::string>());
  Json updated = Json::parse(Get(api, "/api/updated").body);
  EXPECT_EQ(updated["ledger_updated_at"], stats["ledger_updated_at"]);
  EXPECT_EQ(updated["last_ingested_at"], stats["last_ingested_at"]);
  EXPECT_EQ(Get(api, "/api/updated", {{"x", "1"}}).status, 400);
  Json page = Json::parse(Get(api, "/api/events", {{"limit", "50"}}).body);
  for (const Json& e : page["items"]) {
    ASSERT_TRUE(e["first_ingested"].is_string()) << e["id"];
    EXPECT_LE(e["first_ingested"].get<std::string>(), e["last_ingested"].get<std::string>());
    EXPECT_LE(e["last_ingested"].get<std::string>(), stats["last_ingested_at"].get<std::string>());
  }
}

TEST_F(ApiTest, CorrectionsNeedTheTokenAndChangeTheLedger) {
  ServeOptions o = Options();
  Json events = AllEvents(*std::make_unique<Api>(o), {{"view", "full"}}, GetFree);
  std::string key, other;
  int64_t mention = 0, mention2 = 0;
  for (const Json& e : events) {
    if (key.empty() && e["mentions"].size() > 1) {
      key = e["id"];
      mention = e["mentions"][0]["mention_id"];
      mention2 = e["mentions"][1]["mention_id"];
    } else if (other.empty()) {
      other = e["id"];
    }
  }
  ASSERT_FALSE(key.empty());
  ApiRequest post;
  post.method = "POST";
  post.path = "/api/events/" + key + "/corrections";
  post.content_type = "application/json";
  post.body = R"({"action": "reject", "note": "unit test"})";
  {
    Api read_only(o);
    EXPECT_EQ(read_only.Handle(post).status, 403);
  }
  o = WritableCopy("corr.db");
  Api api(o);
  const size_t before = events.size();
  auto total = [&] {
    // The timeline's count (kept by the server until the ledger changes)
    // follows every correction.
    size_t events = Json::parse(Get(api, "/api/events").body)["total"].get<size_t>();
    EXPECT_EQ(Json::parse(Get(api, "/api/timeline").body)["total"].get<size_t>(), events);
    return events;
  };
  EXPECT_EQ(total(), before);
  EXPECT_EQ(api.Handle(post).status, 401);
  post.authorization = "Bearer t0ken";
  // Malformed corrections are 400s with a reason, and record nothing.
  for (const char* body : {"[]", "{}", R"({"action": "explode"})", R"({"action": "set", "field": "killed"})",
                           R"({"action": "set", "field": "colour", "value": 3})",
                           R"({"action": "set", "field": "killed", "value": -1})",
                           R"({"action": "merge"})", R"({"action": "merge", "with": ["nope"]})",
                           R"({"action": "split"})", R"({"action": "reject", "extra": 1})",
                           R"({"action": "reject", "with": ["E00"]})", R"({"action": "split", "mentions": [1]})"}) {
    post.body = body;
    ApiResponse r = api.Handle(post);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << body << ": " << r.status << " " << r.body;
  }
  EXPECT_TRUE(Json::parse(Get(api, "/api/corrections").body)["items"].empty());
  post.content_type = "text/plain";
  post.body = R"({"action": "reject"})";
  EXPECT_EQ(api.Handle(post).status, 415);
  post.content_type = "application/json";

  // Reject: the event leaves the listing, stays readable, says so.
  post.body = R"({"action": "reject", "note": "unit test"})";
  ApiResponse r = api.Handle(post);
  ASSERT_EQ(r.status, 201) << r.body;
  Json c = Json::parse(r.body);
  EXPECT_TRUE(c["ledger_updated"].get<bool>());
  EXPECT_EQ(c["correction"]["action"], "reject");
  EXPECT_EQ(c["correction"]["events"], Json::array({key}));
  EXPECT_EQ(total(), before - 1);
  EXPECT_TRUE(Json::parse(Get(api, "/api/events/" + key).body)["rejected"].get<bool>());
  Json list = Json::parse(Get(api, "/api/corrections").body);
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  EXPECT_EQ(list["items"][0]["note"], "unit test") << list.dump();
  // Undo.
  ApiRequest undo;
  undo.method = "DELETE";
  undo.path = "/api/corrections/" + std::to_string(c["correction"]["id"].get<int64_t>());
  EXPECT_EQ(api.Handle(undo).status, 401);
  undo.authorization = "Bearer t0ken";
  ApiResponse u = api.Handle(undo);
  ASSERT_EQ(u.status, 200) << u.body;
  EXPECT_EQ(total(), before);
  EXPECT_EQ(api.Handle(undo).status, 404);

  // Set a figure; split off a mention; merge two events.
  post.body = R"({"action": "set", "field": "killed", "value": 77, "note": "analyst"})";
  r = api.Handle(post);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Json::parse(Get(api, "/api/events/" + key).body)["killed"]["best"], 77);
  post.body = R"({"action": "split", "mentions": [)" + std::to_string(mention) + "]}";
  r = api.Handle(post);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(total(), before + 1);
  std::string moved = Json::parse(r.body)["correction"]["events"][0];
  // The event that kept the other mentions (its id may have changed: an
  // event's id comes from its earliest report).
  std::string kept;
  for (const Json& e : AllEvents(api, {{"view", "full"}}, GetFree))
    for (const Json& m : e["mentions"])
      if (m["mention_id"] == mention2) kept = e["id"];
  ASSERT_FALSE(kept.empty());
  ASSERT_NE(kept, moved);
  post.path = "/api/events/" + moved + "/corrections";
  post.body = R"({"action": "merge", "with": [")" + kept + R"("]})";
  r = api.Handle(post);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(total(), before);
  EXPECT_EQ(Json::parse(Get(api, "/api/corrections").body)["items"].size(), 3u);
  // The summaries followed every rewrite of the ledger (schema triggers).
  {
    Json full = AllEvents(api, {{"view", "full"}, {"include_rejected", "true"}}, GetFree);
    Json summary = AllEvents(api, {{"include_rejected", "true"}}, GetFree);
    ASSERT_EQ(full.size(), summary.size());
    for (size_t i = 0; i < full.size(); ++i) {
      EXPECT_EQ(summary[i]["id"], full[i]["id"]);
      EXPECT_EQ(summary[i]["rejected"], full[i]["rejected"]);
      EXPECT_EQ(summary[i]["killed"].is_object() ? summary[i]["killed"]["best"] : Json(),
                full[i]["killed"].is_object() ? full[i]["killed"]["best"] : Json());
      EXPECT_EQ(summary[i]["mention_count"].get<size_t>(), full[i]["mentions"].size());
    }
  }
  // Unknown event: 404.
  post.path = "/api/events/E0000000000/corrections";
  post.body = R"({"action": "reject"})";
  EXPECT_EQ(api.Handle(post).status, 404);
}

TEST(TokenMatches, ComparesWholeTokens) {
  EXPECT_TRUE(TokenMatches("abc", "abc"));
  EXPECT_FALSE(TokenMatches("ab", "abc"));
  EXPECT_FALSE(TokenMatches("abcd", "abc"));
  EXPECT_FALSE(TokenMatches("abd", "abc"));
  EXPECT_FALSE(TokenMatches("", "abc"));
  EXPECT_FALSE(TokenMatches("", ""));
  EXPECT_FALSE(TokenMatches("abcabc", "abc"));
}

}  // namespace
}  // namespace vigil
