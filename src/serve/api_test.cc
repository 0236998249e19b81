#include "serve/api.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

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
  EXPECT_EQ(Json::parse(one.body), top);
  EXPECT_EQ(Get(api, "/api/events/E00").status, 404);
  EXPECT_EQ(Get(api, "/api/events/x'--").status, 400);
  EXPECT_EQ(Get(api, "/api/events", {{"bbox", "10,20"}}).status, 400);
  EXPECT_EQ(Get(api, "/api/export", {{"format", "pdf"}}).status, 400);
  ApiResponse csv = Get(api, "/api/export", {{"format", "csv"}});
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), page["total"].get<int>() + 1);
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
  std::filesystem::copy_file(*db_, *dir_ + "/rw.db",
                             std::filesystem::copy_options::overwrite_existing);
  o.db_path = *dir_ + "/rw.db";
  o.token = "t0ken";
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
