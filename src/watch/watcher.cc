// Watcher::Poll: one round over the feeds.
//
//   1. Every feed is fetched at once (conditional GET with its stored
//      validators), but a feed that keeps failing waits longer and longer
//      (WatchOptions::failing_feed_backoff). A failure, a 304 or a feed
//      that does not parse leaves its items alone; only a parsed feed gets
//      new validators.
//   2. Items are matched against what the store has seen for the feed (by
//      guid, else link). New ones, and ones whose page failed transiently
//      before (up to WatchOptions::max_item_attempts), are kept; an item
//      whose link another item already brought to the store is recorded as
//      a duplicate without fetching it again.
//   3. Every page is fetched at once; each distinct link once per poll.
//   4. Pages are ingested through the Pipeline, one call per feed (the
//      feed's outlet applies to its pages), exactly as `vigil ingest` would
//      store the same bytes; the page's own metadata wins, and the fetched
//      URL and the feed's date, title and language fill what it lacks.
//   5. Each feed's items and then its validators are recorded in one
//      transaction (Store::RecordFeedPoll).

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "base/utf8.h"
#include "vigil/source.h"
#include "vigil/watch.h"
#include "watch/ascii.h"
#include "watch/fetcher.h"

namespace vigil {

namespace {

constexpr const char* kFeedAccept =
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";
constexpr const char* kPageAccept =
    "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.1";

std::string NowIso() {
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Seconds since the epoch of a UTC time written by NowIso; 0 if unreadable.
std::time_t ParseIso(const std::string& s) {
  std::tm tm = {};
  const char* end = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return end && *end == '\0' ? timegm(&tm) : 0;
}

// |link| without its fragment and without utm_* tracking parameters, so
// that one article reached through two campaign links is one item.
std::string NormalizeLink(const std::string& link) {
  std::string url = link.substr(0, link.find('#'));
  size_t q = url.find('?');
  if (q == std::string::npos) return url;
  std::string query = url.substr(q + 1);
  std::string kept;
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    std::string param = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    if (!param.empty() && LowerAscii(param.substr(0, 4)) != "utm_") {
      if (!kept.empty()) kept += '&';
      kept += param;
    }
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  url.resize(q);
  if (!kept.empty()) url += "?" + kept;
  return url;
}

bool MatchesKeywords(const std::vector<std::string>& keywords, std::string_view text) {
  if (keywords.empty()) return true;
  const std::string folded = FoldCaseAndAccents(text);
  for (const std::string& k : keywords)
    if (folded.find(k) != std::string::npos) return true;
  return false;
}

// How a fetched page is read, from its Content-Type; false for types that
// are not text.
bool PageKind(const std::string& content_type, RawKind* kind) {
  std::string ct = LowerAscii(content_type.substr(0, content_type.find(';')));
  while (!ct.empty() && ct.back() == ' ') ct.pop_back();
  if (ct.empty() || ct == "text/html" || ct == "application/xhtml+xml") {
    *kind = RawKind::kHtml;
    return true;
  }
  if (ct == "text/plain") {
    *kind = RawKind::kText;
    return true;
  }
  return false;
}

}  // namespace

std::string ContentTypeCharset(std::string_view content_type) {
  const std::string lower = LowerAscii(content_type);
  for (size_t at = lower.find("charset"); at != std::string::npos;
       at = lower.find("charset", at + 1)) {
    // A parameter: after ';' (and spaces), its name followed by '='.
    size_t before = at;
    while (before > 0 && lower[before - 1] == ' ') --before;
    if (before == 0 || lower[before - 1] != ';') continue;
    size_t p = at + 7;
    while (p < lower.size() && lower[p] == ' ') ++p;
    if (p >= lower.size() || lower[p] != '=') continue;
    ++p;
    while (p < lower.size() && lower[p] == ' ') ++p;
    if (p < lower.size() && (lower[p] == '"' || lower[p] == '\'')) ++p;
    std::string name;
    for (; p < lower.size() && name.size() < 40; ++p) {
      char c = lower[p];
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == ':'))
        break;
      name += c;
    }
    return name;
  }
  return "";
}

struct Watcher::Impl {
  Store* store;
  Pipeline* pipeline;
  WatchOptions options;
  Fetcher fetcher;

  Impl(Store* s, Pipeline* p, WatchOptions o)
      : store(s), pipeline(p), options(std::move(o)), fetcher(options.fetch) {}
};

Watcher::Watcher(Store* store, Pipeline* pipeline, WatchOptions options)
    : impl_(std::make_unique<Impl>(store, pipeline, std::move(options))) {}
Watcher::~Watcher() = default;

namespace {

// An item to fetch this poll.
struct PendingItem {
  size_t feed = 0;
  FeedItemRecord row;
  FeedItem item;
  bool check_article = false;  // keywords not in the feed's text: look in the article
  size_t page = 0;             // index into the page requests
  bool owner = false;          // the first item of this poll with this page
  bool resolved = false;
};

// Routes the pipeline's per-document outcomes back to the items.
class ItemObserver : public IngestObserver {
 public:
  ItemObserver(std::vector<PendingItem>* items, WatchObserver* watch, PollReport* report)
      : items_(items), watch_(watch), report_(report) {}
  void Expect(const std::string& origin, size_t item) { by_origin_[origin].push_back(item); }

  void OnStored(const Document& doc, const PutResult& result) override {
    PendingItem* p = Take(doc.origin);
    if (!p) return;
    p->row.doc_id = result.id;
    p->row.error.clear();
    if (result.outcome == PutOutcome::kAlreadyPresent) {
      p->row.state = "present";
      ++report_->already_present;
    } else {
      p->row.state = "stored";
      ++report_->documents_stored;
    }
  }
  void OnSkipped(const Status& status) override {
    PendingItem* p = Take(status.where());
    if (p) {
      p->row.state = "rejected";
      p->row.error = status.message();
      ++report_->pages_failed;
    }
    watch_->OnItemError(status.where(), status);
  }
  void OnWarning(const std::string& where, const std::string& message) override {
    watch_->OnWarning(where, message);
  }

 private:
  PendingItem* Take(const std::string& origin) {
    auto it = by_origin_.find(origin);
    if (it == by_origin_.end() || it->second.empty()) return nullptr;
    PendingItem* p = &(*items_)[it->second.front()];
    it->second.pop_front();
    p->resolved = true;
    return p;
  }

  std::vector<PendingItem>* items_;
  WatchObserver* watch_;
  PollReport* report_;
  std::unordered_map<std::string, std::deque<size_t>> by_origin_;
};

}  // namespace

Result<PollReport> Watcher::Poll(const std::vector<FeedSpec>& feeds, WatchObserver* observer) {
  WatchObserver quiet;
  if (!observer) observer = &quiet;
  Impl& im = *impl_;
  const auto start = std::chrono::steady_clock::now();
  PollReport report;
  report.feeds = feeds.size();

  std::vector<FeedRecord> records;
  for (const FeedSpec& spec : feeds) {
    auto rec = im.store->EnsureFeed(spec.url);
    if (!rec.ok()) return rec.status();
    records.push_back(std::move(*rec));
  }

  // 1. Feeds, except failing ones still in their backoff.
  const std::time_t now_time = std::time(nullptr);
  std::vector<bool> deferred(feeds.size(), false);
  std::vector<FetchRequest> feed_requests;
  for (size_t i = 0; i < records.size(); ++i) {
    const FeedRecord& rec = records[i];
    if (rec.failures > 0 && im.options.failing_feed_backoff > 0) {
      double wait = std::min(86400.0, im.options.failing_feed_backoff *
                                          std::pow(2.0, std::min<int64_t>(rec.failures - 1, 20)));
      std::time_t since = ParseIso(rec.last_error_at);
      if (since > 0 && now_time < since + static_cast<std::time_t>(wait)) {
        deferred[i] = true;
        ++report.feeds_deferred;
        continue;
      }
    }
    feed_requests.push_back({rec.url, rec.etag, rec.last_modified, kFeedAccept});
  }
  std::vector<FetchResult> fetched = im.fetcher.FetchAll(feed_requests);
  std::vector<FetchResult> feed_results(feeds.size());
  for (size_t i = 0, k = 0; i < feeds.size(); ++i)
    if (!deferred[i]) feed_results[i] = std::move(fetched[k++]);

  const std::string now = NowIso();
  std::vector<std::vector<FeedItemRecord>> done(feeds.size());
  std::vector<PendingItem> pending;
  std::vector<FetchRequest> page_requests;
  std::map<std::string, size_t> page_of_url;

  // A feed with items left for a later poll (over the per-poll cap, or a
  // page that failed transiently) keeps its old validators, so that the next
  // poll gets the whole feed again instead of a 304 that would hide them.
  std::vector<std::pair<std::string, std::string>> old_validators(feeds.size());
  std::vector<bool> unfinished(feeds.size(), false);

  auto feed_failed = [&](size_t i, const Status& error) {
    FeedRecord& rec = records[i];
    rec.last_error = error.ToString();
    rec.last_error_at = now;
    ++rec.failures;
    ++report.feeds_failed;
    observer->OnFeedError(rec.url, error);
  };

  for (size_t i = 0; i < feeds.size(); ++i) {
    FeedRecord& rec = records[i];
    const FeedSpec& spec = feeds[i];
    const FetchResult& r = feed_results[i];
    if (deferred[i]) continue;
    rec.last_poll = now;
    if (r.failure != FetchFailure::kNone) {
      feed_failed(i, r.error);
      continue;
    }
    if (r.not_modified) {
      rec.last_success = now;
      rec.failures = 0;
      if (!r.etag.empty()) rec.etag = r.etag;
      if (!r.last_modified.empty()) rec.last_modified = r.last_modified;
      ++report.feeds_not_modified;
      continue;
    }
    auto feed = ParseFeed(r.body, r.final_url);
    if (!feed.ok()) {
      feed_failed(i, feed.status().At(rec.url));
      continue;
    }
    for (const std::string& note : feed->notes) observer->OnWarning(rec.url, note);
    rec.title = feed->title;
    old_validators[i] = {rec.etag, rec.last_modified};
    rec.etag = r.etag;
    rec.last_modified = r.last_modified;
    rec.last_success = now;
    rec.failures = 0;

    auto seen_rows = im.store->FeedItems(rec.id);
    if (!seen_rows.ok()) return seen_rows.status();
    std::map<std::string, FeedItemRecord> seen;
    for (FeedItemRecord& row : *seen_rows) seen[row.key] = std::move(row);
    std::set<std::string> this_poll;
    size_t taken = 0;
    for (const FeedItem& item : feed->items) {
      std::string link = NormalizeLink(item.link);
      std::string key = item.guid.empty() ? link : item.guid;
      if (key.empty()) {
        observer->OnWarning(rec.url, "an item with neither id nor link was skipped");
        continue;
      }
      if (!this_poll.insert(key).second) continue;  // listed twice in one feed
      FeedItemRecord row;
      auto it = seen.find(key);
      if (it != seen.end()) {
        row = it->second;
        if (row.state != "failed" || row.attempts >= im.options.max_item_attempts) continue;
      } else {
        row.feed_id = rec.id;
        row.key = key;
      }
      row.url = link;
      row.title = item.title;
      row.published = item.published;
      if (link.empty()) {
        row.state = "rejected";
        row.error = "item has no http(s) link";
        done[i].push_back(row);
        continue;
      }
      if (taken >= im.options.max_new_items_per_feed) {
        unfinished[i] = true;  // the next poll takes the rest
        break;
      }
      ++taken;
      ++report.new_items;
      std::string feed_text = item.title + "\n" + item.summary;
      for (const std::string& c : item.categories) feed_text += "\n" + c;
      bool keyword_in_feed = MatchesKeywords(spec.keywords, feed_text);

      auto prior = im.store->FeedItemWithDocument(link);
      if (!prior.ok()) return prior.status();
      if (*prior) {
        if (!keyword_in_feed) {
          row.state = "filtered";
          ++report.filtered;
        } else {
          row.state = "duplicate";
          row.doc_id = (*prior)->doc_id;
          ++report.duplicates;
        }
        row.error.clear();
        done[i].push_back(row);
        continue;
      }
      PendingItem p;
      p.feed = i;
      p.row = std::move(row);
      p.item = item;
      p.check_article = !keyword_in_feed;
      auto page = page_of_url.find(link);
      if (page == page_of_url.end()) {
        p.page = page_requests.size();
        p.owner = true;
        page_of_url[link] = p.page;
        page_requests.push_back({link, "", "", kPageAccept});
      } else {
        p.page = page->second;
      }
      pending.push_back(std::move(p));
    }
  }

  // 2. Pages.
  std::vector<FetchResult> pages = im.fetcher.FetchAll(page_requests);

  // 3. Ingest, one call per feed.
  ItemObserver item_observer(&pending, observer, &report);
  std::vector<std::vector<RawItem>> raw_by_feed(feeds.size());
  for (size_t k = 0; k < pending.size(); ++k) {
    PendingItem& p = pending[k];
    if (!p.owner) continue;
    const FetchResult& r = pages[p.page];
    const FeedSpec& spec = feeds[p.feed];
    ++p.row.attempts;
    if (r.failure != FetchFailure::kNone) {
      p.resolved = true;
      p.row.error = r.error.ToString();
      if (r.failure == FetchFailure::kBlocked) p.row.state = "blocked";
      else if (r.http_status == 404 || r.http_status == 410) p.row.state = "gone";
      else if (r.failure == FetchFailure::kTransient || r.http_status == 429 ||
               r.http_status == 408)
        p.row.state = "failed";
      else p.row.state = "rejected";
      ++report.pages_failed;
      observer->OnItemError(p.row.url, r.error);
      continue;
    }
    RawItem raw;
    if (!PageKind(r.content_type, &raw.kind)) {
      p.resolved = true;
      p.row.state = "rejected";
      p.row.error = "not an HTML page (Content-Type " + r.content_type.substr(0, 60) + ")";
      ++report.pages_failed;
      observer->OnItemError(p.row.url, Status::Unsupported(p.row.error, r.final_url));
      continue;
    }
    raw.origin = r.final_url;
    if (raw.kind == RawKind::kHtml) raw.charset = ContentTypeCharset(r.content_type);
    raw.bytes = r.body;
    raw.input_bytes = r.body.size();
    raw.fallback.url = r.final_url;
    raw.fallback.title = p.item.title;
    raw.fallback.published = p.item.published;
    raw.fallback.author = p.item.author;
    raw.fallback.lang = spec.language;
    if (p.check_article) {
      ReadOptions read = im.options.ingest.read;
      read.outlet = spec.outlet;
      auto doc = ParseRawItem(raw, read);
      if (doc.ok() && !MatchesKeywords(spec.keywords, doc->meta.title + "\n" + doc->text)) {
        p.resolved = true;
        p.row.state = "filtered";
        p.row.error.clear();
        ++report.filtered;
        continue;
      }
    }
    item_observer.Expect(raw.origin, k);
    raw_by_feed[p.feed].push_back(std::move(raw));
  }
  for (size_t i = 0; i < feeds.size(); ++i) {
    if (raw_by_feed[i].empty()) continue;
    IngestOptions opts = im.options.ingest;
    opts.read.outlet = feeds[i].outlet;
    auto ingested = im.pipeline->IngestItems(im.store, std::move(raw_by_feed[i]), opts,
                                             &item_observer);
    if (!ingested.ok()) return ingested.status();
    report.event_mentions += ingested->event_mentions;
  }

  // Items that shared a page with an earlier item of this poll follow it.
  std::vector<size_t> owner_of_page(page_requests.size(), 0);
  for (size_t k = 0; k < pending.size(); ++k)
    if (pending[k].owner) owner_of_page[pending[k].page] = k;
  for (PendingItem& p : pending) {
    if (p.owner) {
      if (!p.resolved) {
        p.row.state = "rejected";
        p.row.error = "page not stored";
        ++report.pages_failed;
      }
      continue;
    }
    const PendingItem& o = pending[owner_of_page[p.page]];
    if (o.row.doc_id) {
      p.row.state = "duplicate";
      p.row.doc_id = o.row.doc_id;
      p.row.error.clear();
      ++report.duplicates;
    } else {
      p.row.state = o.row.state == "stored" || o.row.state == "present" ? "duplicate" : o.row.state;
      p.row.error = o.row.error;
      p.row.attempts = std::max<int64_t>(p.row.attempts + 1, 1);
    }
  }
  for (PendingItem& p : pending) done[p.feed].push_back(std::move(p.row));

  // 4. Record.
  for (size_t i = 0; i < feeds.size(); ++i) {
    if (deferred[i]) continue;
    for (const FeedItemRecord& row : done[i])
      if (row.state == "failed" && row.attempts < im.options.max_item_attempts)
        unfinished[i] = true;
    if (unfinished[i]) {
      records[i].etag = old_validators[i].first;
      records[i].last_modified = old_validators[i].second;
    }
    VIGIL_RETURN_IF_ERROR(im.store->RecordFeedPoll(records[i], done[i]));
  }
  report.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace vigil
