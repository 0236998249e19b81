// The extractor: names, places, quantities, times and event mentions, per
// sentence, in three passes over a document.
//
//   1. Per sentence: tokens with folded forms, phrase matches against the
//      resources, quantities and time expressions.
//   2. Entities: each place phrase resolved to one gazetteer entry (seas and
//      countries before regions and cities; places in the document's focus
//      countries before others; larger cities before smaller), actors and
//      people with their titles, demonyms and capitals standing for states.
//   3. Event mentions: one per event type and sentence, from its trigger
//      words, with status from cues, modal verbs and negation; figures bound
//      from the sentence's quantities; place, time, actors, targets and
//      attribution. docs/EXTRACTION.md states every rule.

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <span>
#include <string>

#include "extract/calendar.h"
#include "extract/matcher.h"
#include "extract/offshore.h"
#include "extract/quantity.h"
#include "extract/sentence_view.h"
#include "extract/timex.h"
#include "extract/word_table.h"
#include "vigil/extract.h"

namespace vigil {

namespace {

const char* PlaceKindName(PlaceKind k) {
  switch (k) {
    case PlaceKind::kCountry: return "country";
    case PlaceKind::kRegion: return "region";
    case PlaceKind::kCity: return "city";
    case PlaceKind::kSea: return "sea";
    case PlaceKind::kArea: return "area";
  }
  return "area";
}

const char* ActorKindName(ActorKind k) {
  switch (k) {
    case ActorKind::kState: return "state";
    case ActorKind::kGovBody: return "gov_body";
    case ActorKind::kMilitary: return "military";
    case ActorKind::kSecurity: return "security";
    case ActorKind::kLegislature: return "legislature";
    case ActorKind::kArmedGroup: return "armed_group";
    case ActorKind::kPerson: return "person";
    case ActorKind::kOutlet: return "outlet";
    case ActorKind::kIntl: return "intl";
  }
  return "gov_body";
}

bool IsLocationPreposition(std::string_view w) {
  static const WordTable<bool>::Entry kWords[] = {{"in", true}, {"into", true}, {"inside", true}, {"off", true}, {"near", true}, {"across", true}, {"over", true}, {"at", true}, {"within", true}, {"throughout", true}, {"en", true}, {"frente", true}, {"along", true}, {"toward", true}, {"towards", true}, {"outside", true}, {"around", true}, {"from", true}, {"to", true}, {"cerca", true}, {"hacia", true}, {"desde", true}};
  static const WordTable<bool> kTable(kWords);
  return kTable.Contains(w);
}

// "the", and Spanish "el", "la", "los", "las" ("en el Pacífico oriental").
bool IsArticle(std::string_view w) {
  return w == "the" || w == "el" || w == "la" || w == "los" || w == "las";
}

// Verbs that take people or things somewhere: "repatriated to Colombia".
bool IsTransferVerb(std::string_view w) {
  static const WordTable<bool>::Entry kWords[] = {
      {"repatriated", true}, {"returned", true},    {"sent", true},     {"flown", true},
      {"transferred", true}, {"taken", true},       {"deported", true}, {"extradited", true},
      {"handed", true},      {"brought", true},     {"released", true}, {"evacuated", true},
      {"airlifted", true},   {"transported", true}, {"moved", true},    {"shipped", true},
      {"towed", true}};
  static const WordTable<bool> kTable(kWords);
  return kTable.Contains(w);
}

// What an attack hits, as the noun before "struck by" ("the boat struck by").
bool IsHitThing(std::string_view w) {
  static const WordTable<bool>::Entry kWords[] = {{"boat", true}, {"boats", true}, {"vessel", true}, {"vessels", true}, {"ship", true}, {"ships", true}, {"speedboat", true}, {"semi-submersible", true}, {"sub", true}, {"craft", true}, {"lancha", true}, {"embarcación", true}, {"embarcacion", true}, {"narcolancha", true}, {"camp", true}, {"lab", true}, {"target", true}};
  static const WordTable<bool> kTable(kWords);
  return kTable.Contains(w);
}

// Words that report a statement: a time right before or after one dates the
// statement ("Sheinbaum on Sunday denied", "said on Monday that"), not the
// event it is about.
bool IsStatementVerb(std::string_view w) {
  static const WordTable<bool>::Entry kWords[] = {
      {"said", true},     {"says", true},      {"denied", true},   {"denies", true},
      {"announced", true}, {"announces", true}, {"told", true},     {"wrote", true},
      {"posted", true},   {"rejected", true},  {"rejects", true},  {"confirmed", true},
      {"confirms", true}, {"stated", true},    {"insisted", true}, {"added", true},
      {"disputed", true}, {"disputes", true},  {"claimed", true},  {"claims", true},
      {"acknowledged", true}, {"dijo", true},  {"negó", true},     {"afirmó", true},
      {"anunció", true},  {"informó", true},   {"señaló", true},   {"declaró", true},
      {"aseguró", true},  {"indicó", true},    {"reportó", true},  {"publicó", true},
      {"escribió", true}, {"sostuvo", true},   {"explicó", true}};
  static const WordTable<bool> kTable(kWords);
  return kTable.Contains(w);
}

// Verbs whose object is the event they make known ("announced the attack",
// "dio a conocer los ataques"), unlike "said", which takes a clause.
bool AnnouncesAThing(std::string_view w) {
  static const WordTable<bool>::Entry kWords[] = {
      {"announced", true}, {"announces", true}, {"confirmed", true}, {"confirms", true},
      {"disclosed", true}, {"revealed", true},  {"reported", true},  {"unveiled", true},
      {"anunció", true},   {"confirmó", true},  {"informó", true},   {"conocer", true},
      {"reveló", true}};
  static const WordTable<bool> kTable(kWords);
  return kTable.Contains(w);
}

// Nouns a country name modifies when it names the actor ("US military",
// "Mexican navy", "US custody") rather than the place.
bool IsAttributiveHead(std::string_view w) {
  static const WordTable<bool>::Entry kWords[] = {{"military", true}, {"forces", true}, {"force", true}, {"navy", true}, {"naval", true}, {"army", true}, {"air", true}, {"strike", true}, {"strikes", true}, {"airstrike", true}, {"airstrikes", true}, {"attack", true}, {"attacks", true}, {"raid", true}, {"raids", true}, {"operation", true}, {"operations", true}, {"troops", true}, {"soldiers", true}, {"officials", true}, {"official", true}, {"government", true}, {"authorities", true}, {"custody", true}, {"warship", true}, {"warships", true}, {"drone", true}, {"drones", true}, {"campaign", true}, {"special", true}, {"marines", true}, {"personnel", true}, {"bombing", true}, {"bombings", true}, {"assault", true}};
  static const WordTable<bool> kTable(kWords);
  return kTable.Contains(w);
}

// Above these, a figure is not believed (see BindFigures, AnonymousSpeaker).
constexpr double kMostPeople = 8.3e9;
constexpr double kMostSources = 1000;

struct SentenceData {
  SentenceView sv;
  std::vector<LexMatch> matches;
  std::vector<PhraseHit> hits;  // what |matches| point into
  bool list_item = false;
  bool sentence_is_headline = false;
  // Per token: the actor / place mention that covers it, or -1.
  std::vector<int> actor_at, place_at;
  // This sentence's quantities and time expressions: index ranges into
  // Mentions::quantities and ::times, which are filled in sentence order.
  // Looking them up this way keeps a document with 100,000 sentences linear.
  uint32_t q_begin = 0, q_end = 0, t_begin = 0, t_end = 0;
  // Per token: its clause segment (Segments), set by FindEvents.
  std::vector<int> seg;
};

// Words that open a new clause.
bool OpensClause(Word w) {
  switch (w.size()) {
    case 3: return w == "but" || w == "who";
    case 4: return w == "pero";
    case 5: return w == "while" || w == "which";
    case 6: return w == "though" || w == "aunque";
    case 7: return w == "whereas";
    case 8: return w == "although";
    default: return false;
  }
}

// Segment boundaries: a new segment starts after , ; : ( ) and dashes, and
// at words that open a new clause.
void Segments(const SentenceView& sv, std::vector<int>* out) {
  std::vector<int>& seg = *out;
  seg.assign(sv.size(), 0);
  int s = 0;
  for (size_t i = 0; i < sv.size(); ++i) {
    Word w = sv[i].norm;
    if (OpensClause(w)) {
      if (i > 0 && seg[i - 1] == s) ++s;
    }
    seg[i] = s;
    if (sv[i].kind == TokenKind::kPunct &&
        (w == "," || w == ";" || w == ":" || w == "(" || w == ")" || w == "-" || w == "--"))
      ++s;
  }
}

class DocumentExtractor {
 public:
  DocumentExtractor(const Resources* res, const Document& doc, const Annotated& annotated,
                    Mentions* out)
      : res_(res), doc_(doc), annotated_(annotated), out_(out) {
    Ymd p;
    if (ParseYmd(doc.meta.published, &p)) published_ = p;
    // A living document (a running list of strikes) updated well after it
    // was first published is read against its last update: its newest
    // items were written then ("Oct. 14" in a list begun in September).
    Ymd u;
    if (ParseYmd(doc.meta.updated, &u) &&
        (!published_ || DaysFromCivil(u) > DaysFromCivil(*published_) + 3))
      published_ = u;
  }

  void Run() {
    const size_t n = annotated_.sentences.size();
    // The sentences' buffers are kept from one document to the next on this
    // thread (most of the extractor's allocations were these), except for
    // documents much longer than a news report.
    constexpr size_t kPooledSentences = 2048;
    thread_local std::vector<SentenceData> pool;
    if (n <= kPooledSentences) {
      if (pool.size() < n) pool.resize(n);
      sents_ = std::span<SentenceData>(pool.data(), n);
    } else {
      own_.resize(n);
      sents_ = std::span<SentenceData>(own_);
    }
    for (size_t i = 0; i < n; ++i) {
      SentenceData& sd = sents_[i];
      sd.matches.clear();
      sd.hits.clear();
      sd.seg.clear();
      BuildSentenceView(doc_.text, annotated_, static_cast<uint32_t>(i), &sd.sv);
      sd.list_item = annotated_.sentences[i].block == BlockKind::kListItem ||
                     LooksLikeListItem(sd.sv);
      sd.sentence_is_headline = annotated_.sentences[i].block == BlockKind::kHeadline;
      if (res_) MatchPhrases(sd.sv, *res_, &sd.matches, &sd.hits);
      sd.q_begin = static_cast<uint32_t>(out_->quantities.size());
      FindQuantities(sd.sv, classify_, &out_->quantities);
      sd.q_end = static_cast<uint32_t>(out_->quantities.size());
      if (res_) CountTroopPhrases(&sd);
      sd.t_begin = static_cast<uint32_t>(out_->times.size());
      FindTimeExpressions(sd.sv, published_, sd.list_item, &out_->times);
      sd.t_end = static_cast<uint32_t>(out_->times.size());
    }
    if (!res_) return;
    CountFocus();
    // The mentions are large: room for them up front saves moving them as
    // the vectors grow. A sentence has at most one event per trigger match
    // (plus a death toll), and about one place and up to two actors (a
    // place standing for its state, a title's name) per entity or title
    // match. (Only a capacity: more still fit.)
    size_t triggers = 0, entities = 0;
    for (const SentenceData& sd : sents_)
      for (const LexMatch& m : sd.matches) {
        if (m.layer == MatchLayer::kTrigger) {
          ++triggers;
          for (const PhraseHit& h : m.hits)
            if (Word(res_->trigger(h.index).type) == "ASSAULT") doc_has_assault_ = true;
        }
        if (m.layer == MatchLayer::kEntity || m.layer == MatchLayer::kTitle) ++entities;
      }
    out_->events.reserve(triggers + 8);
    out_->actors.reserve(2 * entities + 8);
    out_->places.reserve(entities);
    for (SentenceData& sd : sents_) ResolveEntities(&sd);
    for (SentenceData& sd : sents_) FindEvents(sd);
    FillAssaultModes();
    FindCitedOutlets();
  }

  // The outlets the report cites anywhere, also in sentences that state no
  // event ("This is reported by NBC News, citing sources."), by how often.
  void FindCitedOutlets() {
    std::map<std::string, int> counts;
    std::vector<std::string> order;
    for (const SentenceData& sd : sents_) {
      bool any = false;
      for (const LexMatch& m : sd.matches) any |= m.layer == MatchLayer::kAttribution;
      if (!any) continue;
      Attribution a = FindAttribution(sd, sd.seg);
      if (a.outlet_cited.empty() || a.outlet_cited == doc_.meta.outlet) continue;
      if (counts[a.outlet_cited]++ == 0) order.push_back(a.outlet_cited);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](const std::string& x, const std::string& y) { return counts[x] > counts[y]; });
    out_->cited_outlets = std::move(order);
  }

  // An attack with no mode of its own ("The latest was carried out in the
  // Caribbean") takes the mode the document's other reported attacks share.
  void FillAssaultModes() {
    std::map<std::string, int> modes;
    for (const EventMention& e : out_->events)
      if (Word(e.type) == "ASSAULT" && !e.mode.empty() && e.status == EventStatus::kOccurred)
        ++modes[e.mode];
    if (modes.empty()) return;
    auto best = std::max_element(modes.begin(), modes.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    for (EventMention& e : out_->events)
      if (Word(e.type) == "ASSAULT" && e.mode.empty()) e.mode = best->first;
  }

 private:
  // A tracker line that the block splitter did not mark: "Oct. 27: ...".
  static bool LooksLikeListItem(const SentenceView& sv) {
    if (sv.size() < 3) return false;
    if (!MonthFromWord(sv[0].norm) || !sv[0].Capitalized()) return false;
    return sv[1].kind == TokenKind::kNumber && (sv[2].norm == ":" || sv[2].norm == "-");
  }

  Counted Classify(std::string_view norm) const {
    if (res_) {
      for (const PhraseHit& h : res_->Lookup(norm)) {
        if (h.kind != LexKind::kNoun) continue;
        Word c = res_->noun(h.index).category;
        if (c == "killed") return Counted::kKilled;
        if (c == "injured") return Counted::kInjured;
        if (c == "survivor") return Counted::kSurvivors;
        if (c == "missing") return Counted::kMissing;
        if (c == "presumed_dead") return Counted::kPresumedDead;
        if (c == "vessel" || c == "warship") return Counted::kVessels;
        if (c == "strike") return Counted::kStrikes;
        if (c == "troops") return Counted::kTroops;
        if (c == "acres") return Counted::kAcres;
        if (c == "person") return Counted::kPeople;
        if (c == "cartel") return Counted::kGroups;
        if (c == "source" || c == "official") return Counted::kSources;
      }
    }
    return BuiltinNounClass(norm);
  }

  // The quantities of sentence |sd|.
  std::span<const Quantity> QuantitiesOf(const SentenceData& sd) const {
    return std::span<const Quantity>(out_->quantities).subspan(sd.q_begin, sd.q_end - sd.q_begin);
  }

  // Countries the document is about: counted over country phrases and
  // demonyms, used to choose between places of the same name.
  void CountFocus() {
    for (const SentenceData& sd : sents_) {
      for (const LexMatch& m : sd.matches) {
        if (m.layer != MatchLayer::kEntity) continue;
        for (const PhraseHit& h : m.hits) {
          if (h.kind == LexKind::kPlace && res_->place(h.index).kind == PlaceKind::kCountry)
            AddFocus(res_->place(h.index).country);
          if (h.kind == LexKind::kDemonym)
            AddFocus(res_->place(h.index).country);
        }
      }
    }
  }

  void AddFocus(std::string_view country) {
    auto it = focus_.find(country);
    if (it == focus_.end()) it = focus_.emplace(std::string(country), 0).first;
    ++it->second;
  }

  bool IsFocus(std::string_view country) const {
    auto it = focus_.find(country);
    return it != focus_.end() && it->second > 0;
  }

  double PlaceScore(const PlaceEntry& p, size_t tokens) const {
    double s = 0;
    switch (p.kind) {
      case PlaceKind::kSea: s = 100; break;
      case PlaceKind::kArea: s = 95; break;
      case PlaceKind::kCountry: s = 90; break;
      case PlaceKind::kRegion: s = 55; break;
      case PlaceKind::kCity: s = p.is_capital ? 85 : 35; break;
    }
    if (IsFocus(p.country) && p.kind != PlaceKind::kCountry) s += 25;
    if (p.population > 0) s += std::min(7.0, std::log10(static_cast<double>(p.population))) * 2;
    // A one-word city outside the focus countries, and small, is most likely
    // a common word or another place: demand more.
    if (p.kind == PlaceKind::kCity && tokens == 1 && !IsFocus(p.country) &&
        p.population < 200000 && !p.is_capital)
      s -= 60;
    return s;
  }

  int AddActorFromEntry(uint32_t index, Span span, uint32_t sentence) {
    const ActorEntry& a = res_->actor(index);
    ActorMention m;
    m.span = span;
    m.actor_id = std::string(a.id);
    m.name = std::string(a.name);
    m.kind = ActorKindName(a.kind);
    m.country = std::string(a.country);
    m.sector = std::string(a.sector);
    m.sentence = sentence;
    out_->actors.push_back(std::move(m));
    return static_cast<int>(out_->actors.size() - 1);
  }

  // The state actor of a country (ISO alpha-2), found by its place entry.
  int AddStateActor(const PlaceEntry& country, Span span, uint32_t sentence, bool demonym,
                    bool capital) {
    ActorMention m;
    m.span = span;
    m.name = std::string(country.name);
    m.kind = "state";
    m.country = std::string(country.country3);
    m.sector = "GOV";
    m.via_demonym = demonym;
    m.via_capital = capital;
    m.sentence = sentence;
    // Link to the state's actor entry when the dictionary has one.
    for (const PhraseHit& h : res_->Lookup(FoldForMatching(country.name))) {
      if (h.kind == LexKind::kActor && res_->actor(h.index).kind == ActorKind::kState) {
        m.actor_id = std::string(res_->actor(h.index).id);
        m.name = std::string(res_->actor(h.index).name);
        break;
      }
    }
    out_->actors.push_back(std::move(m));
    return static_cast<int>(out_->actors.size() - 1);
  }

  void ResolveEntities(SentenceData* sd) {
    const SentenceView& sv = sd->sv;
    sd->actor_at.assign(sv.size(), -1);
    sd->place_at.assign(sv.size(), -1);
    const uint32_t sentence = sv.index;
    std::string pending_title;
    size_t title_end = 0;
    bool have_title = false;
    for (const LexMatch& m : sd->matches) {
      if (m.layer == MatchLayer::kTitle) {
        pending_title.clear();
        for (size_t k = m.first; k <= m.last; ++k) {
          if (k > m.first) pending_title += ' ';
          pending_title.append(sv[k].text);
        }
        title_end = m.last;
        have_title = true;
        // An unknown name after a title: "Adm. Alvin Holsey" when Holsey is
        // not in the dictionary.
        size_t k = m.last + 1;
        size_t name_end = k;
        while (name_end < sv.size() && name_end < k + 3 && sv[name_end].Capitalized() &&
               sv[name_end].kind == TokenKind::kWord)
          ++name_end;
        bool known = false;
        for (const LexMatch& e : sd->matches)
          if (e.layer == MatchLayer::kEntity && e.first == k) known = true;
        if (!known && name_end >= k + 2) {
          ActorMention a;
          a.span = Span{sv[k].begin, sv[name_end - 1].end};
          a.name = std::string(doc_.text.substr(a.span.begin, a.span.end - a.span.begin));
          a.kind = "person";
          a.role = pending_title;
          a.sentence = sentence;
          out_->actors.push_back(std::move(a));
          for (size_t t = k; t < name_end; ++t)
            sd->actor_at[t] = static_cast<int>(out_->actors.size() - 1);
          have_title = false;
        }
        continue;
      }
      if (m.layer != MatchLayer::kEntity) continue;
      Span span{sv[m.first].begin, sv[m.last].end};
      const size_t tokens = m.last - m.first + 1;
      bool after_prep = m.first > 0 && IsLocationPreposition(sv[m.first - 1].norm);
      if (m.first > 1 && sv[m.first - 1].norm == "the" && IsLocationPreposition(sv[m.first - 2].norm))
        after_prep = true;
      // Best place, actor and demonym among the hits.
      int best_place = -1;
      double best_score = -1e9;
      int actor_hit = -1, demonym_hit = -1;
      for (const PhraseHit& h : m.hits) {
        if (h.kind == LexKind::kPlace) {
          double s = PlaceScore(res_->place(h.index), tokens);
          if (s > best_score) {
            best_score = s;
            best_place = static_cast<int>(h.index);
          }
        } else if (h.kind == LexKind::kActor && actor_hit < 0) {
          actor_hit = static_cast<int>(h.index);
        } else if (h.kind == LexKind::kDemonym && demonym_hit < 0) {
          demonym_hit = static_cast<int>(h.index);
        }
      }
      if (best_place >= 0 && best_score < 0) best_place = -1;
      if (demonym_hit >= 0 && best_place < 0 && actor_hit < 0) {
        int a = AddStateActor(res_->place(demonym_hit), span, sentence, true, false);
        for (size_t k = m.first; k <= m.last; ++k) sd->actor_at[k] = a;
        continue;
      }
      if (best_place >= 0) {
        const PlaceEntry& p = res_->place(best_place);
        PlaceMention pm;
        pm.span = span;
        pm.place_id = std::string(p.id);
        pm.name = std::string(p.name);
        pm.kind = PlaceKindName(p.kind);
        pm.country = std::string(p.country);
        pm.lat = p.lat;
        pm.lon = p.lon;
        pm.qualifier = PlaceQualifier(sv, m.first);
        MoveOffshore(*res_, &pm);  // "400 nautical miles southwest of Acapulco": at sea
        pm.sentence = sentence;
        out_->places.push_back(std::move(pm));
        int pi = static_cast<int>(out_->places.size() - 1);
        for (size_t k = m.first; k <= m.last; ++k) sd->place_at[k] = pi;
        // A country or a capital outside a locative phrase also stands for
        // the state: "Mexico deployed", "Washington says".
        if (!after_prep && actor_hit < 0 &&
            (p.kind == PlaceKind::kCountry || (p.kind == PlaceKind::kCity && p.is_capital))) {
          uint32_t ci;
          const PlaceEntry* country = &p;
          if (p.kind == PlaceKind::kCity &&
              res_->FindPlace(std::string("country:") + std::string(p.country), &ci))
            country = &res_->place(ci);
          if (country->kind == PlaceKind::kCountry) {
            int a = AddStateActor(*country, span, sentence, false, p.kind == PlaceKind::kCity);
            for (size_t k = m.first; k <= m.last; ++k) sd->actor_at[k] = a;
          }
        }
      }
      if (actor_hit >= 0) {
        int a = AddActorFromEntry(static_cast<uint32_t>(actor_hit), span, sentence);
        if (have_title && title_end + 1 == m.first) out_->actors[a].role = pending_title;
        if (out_->actors[a].role.empty() && out_->actors[a].kind == "person")
          out_->actors[a].role = CurrentRole(static_cast<uint32_t>(actor_hit));
        for (size_t k = m.first; k <= m.last; ++k) sd->actor_at[k] = a;
      }
      have_title = false;
    }
  }

  // The title a person held on the publication date, from the roles table.
  std::string CurrentRole(uint32_t actor_index) const {
    std::string_view id = res_->actor(actor_index).id;
    std::string date = published_ ? FormatYmd(*published_) : "";
    for (size_t r = 0; r < res_->role_count(); ++r) {
      const RoleEntry& role = res_->role(r);
      if (role.person != id) continue;
      if (!date.empty() && (date < role.from || (!role.to.empty() && date > role.to))) continue;
      std::string_view titles = role.titles;
      return std::string(titles.substr(0, titles.find('|')));
    }
    return "";
  }

  // "off the coast of", "international waters", "near", "N nautical miles
  // southwest of" before a place.
  static std::string PlaceQualifier(const SentenceView& sv, size_t first) {
    auto norm = [&](long i) { return sv.NormAt(i); };
    long i = static_cast<long>(first);
    if (norm(i - 1) == "of" && norm(i - 2) == "coast" && norm(i - 3) == "the" && norm(i - 4) == "off")
      return "off the coast of";
    if (norm(i - 1) == "of" && norm(i - 2) == "coast" && norm(i - 3) == "the" && norm(i - 4) == "along")
      return "along the coast of";
    if (norm(i - 1) == "off") {
      // "hundreds of miles off Acapulco", "some 200 nautical miles off".
      std::string_view unit = norm(i - 2);
      if (unit == "miles" || unit == "kilometers" || unit == "kilometres" || unit == "km") {
        long k = i - 2;
        while (k > 0 && i - k < 7 && sv[k - 1].kind != TokenKind::kPunct &&
               (sv[k - 1].kind == TokenKind::kNumber || norm(k - 1) == "nautical" ||
                norm(k - 1) == "of" || norm(k - 1) == "hundreds" || norm(k - 1) == "thousands" ||
                norm(k - 1) == "about" || norm(k - 1) == "some" || norm(k - 1) == "roughly"))
          --k;
        std::string q;
        for (long t = k; t < i; ++t) {
          if (!q.empty()) q += ' ';
          q.append(sv[t].text);
        }
        return q;
      }
      return "off";
    }
    if (norm(i - 1) == "near" || (norm(i - 1) == "of" && norm(i - 2) == "outside")) return "near";
    // "west of the Galápagos Islands", "north of the Yucatán Peninsula".
    if (norm(i - 1) == "the") --i;
    Word dir = norm(i - 2);
    if (norm(i - 1) == "of" &&
        (dir == "north" || dir == "south" || dir == "east" || dir == "west" ||
         dir == "northeast" || dir == "northwest" || dir == "southeast" || dir == "southwest")) {
      std::string q;
      if (norm(i - 3) == "miles" || norm(i - 3) == "kilometers" || norm(i - 3) == "km") {
        long k = i - 3;
        while (k > 0 && i - k < 6 && sv[k - 1].kind != TokenKind::kPunct) --k;
        for (long t = k; t < i; ++t) {
          if (!q.empty()) q += ' ';
          q.append(sv[t].text);
        }
        return q;
      }
      return std::string(dir) + " of";
    }
    // "in international waters in the eastern Pacific".
    for (long k = i - 1; k >= 0 && k >= i - 6; --k)
      if (norm(k) == "waters" && norm(k - 1) == "international") return "international waters";
    return "";
  }

  struct Cue {
    std::string_view category, scope;
    size_t first, last;
  };

  void FindEvents(SentenceData& sd) {
    const SentenceView& sv = sd.sv;
    if (sv.size() == 0) return;
    Segments(sv, &sd.seg);
    const std::vector<int>& seg = sd.seg;
    std::vector<Cue> cues;
    for (const LexMatch& m : sd.matches)
      if (m.layer == MatchLayer::kCue)
        for (const PhraseHit& h : m.hits)
          cues.push_back({res_->cue(h.index).category, res_->cue(h.index).scope, m.first, m.last});

    // Triggers, grouped by type: one event mention per type and sentence.
    struct Group {
      std::string type, mode;
      size_t first_trigger;
      Span trigger;
      std::vector<size_t> positions;
      std::string lemma;
    };
    std::vector<Group> groups;
    for (const LexMatch& m : sd.matches) {
      if (m.layer != MatchLayer::kTrigger) continue;
      if (OverlapsEntity(sd, m.first, m.last)) continue;
      if (sv.NormAt(static_cast<long>(m.last) + 1) == "group" ||
          sv.NormAt(static_cast<long>(m.last) + 1) == "force")
        continue;  // "carrier strike group"
      const TriggerEntry* best = nullptr;
      for (const PhraseHit& h : m.hits) {
        const TriggerEntry& t = res_->trigger(h.index);
        if (!best || (best->mode.empty() && !t.mode.empty())) best = &t;
      }
      if (!best) continue;
      // One mention per type and sentence, except that two different modes
      // of one type ("fentanyl seizures and extradited 55") stay apart.
      Group* g = nullptr;
      // ("explode" is the generic mode: "a missile strike ... survived the
      // initial blast" is one mention.)
      for (Group& e : groups)
        if (e.type == best->type &&
            (e.mode.empty() || best->mode.empty() || e.mode == best->mode ||
             e.mode == "explode" || Word(best->mode) == "explode"))
          g = &e;
      if (!g) {
        groups.push_back(Group{std::string(best->type), std::string(best->mode), m.first,
                               Span{sv[m.first].begin, sv[m.last].end}, {}, std::string(best->lemma)});
        g = &groups.back();
      } else if (g->mode.empty() || g->mode == "explode" || (Word(best->mode) == "drone")) {
        if (!best->mode.empty()) g->mode = std::string(best->mode);
      }
      g->positions.push_back(m.first);
    }
    // Bare "designated" is left out of triggers.tsv (it is mostly the
    // adjective of "a designated terrorist organization"); as a verb with
    // its object and a terrorist label after it, it designates: "the
    // administration designated Venezuela's Cartel de los Soles a foreign
    // terrorist organization".
    bool has_sanction = false;
    for (const Group& g : groups) has_sanction |= Word(g.type) == "SANCTION";
    if (!has_sanction) {
      if (size_t k = VerbDesignated(sd); k < sv.size())
        groups.push_back(Group{"SANCTION", "designate", k, Span{sv[k].begin, sv[k].end}, {k},
                               "designate"});
    }
    // A death toll with no trigger word, in a report about attacks: "Oct.
    // 14: Six people are killed off Venezuela", "The campaign has killed at
    // least 82 people". Deaths from drugs are not attacks.
    bool has_assault = false;
    for (const Group& g : groups) has_assault |= Word(g.type) == "ASSAULT";
    if (!has_assault && doc_has_assault_ && !HasWord(sv, "overdose") &&
        !HasWord(sv, "overdoses") && !HasWord(sv, "fentanyl")) {
      for (const Quantity& q : QuantitiesOf(sd)) {
        if (q.counted != Counted::kKilled) continue;
        // The kill word itself is the trigger when it is next to the number.
        size_t at = 0;
        while (at < sv.size() && sv[at].begin < q.span.begin) ++at;
        size_t trig = at;
        for (size_t k = (at >= 3 ? at - 3 : 0); k < sv.size() && k <= at + 6; ++k) {
          if (Classify(sv[k].norm) == Counted::kKilled || sv[k].norm == "killed" ||
              sv[k].norm == "killing" || sv[k].norm == "died" || sv[k].norm == "die") {
            trig = k;
            break;
          }
        }
        if (trig >= sv.size()) trig = at < sv.size() ? at : 0;
        groups.push_back(Group{"ASSAULT", "", trig, Span{sv[trig].begin, sv[trig].end}, {trig},
                               "kill"});
        break;
      }
    }
    // "Send" deploys troops, ships or aircraft. Sending people somewhere
    // hands them over ("sent 29 people accused of drug trafficking to the
    // United States": COERCE, extradite); without either it states no event
    // ("survivors ... sent home").
    for (Group& g : groups) {
      if (g.type != "MOBILIZE" || g.lemma != "send" || g.positions.size() != 1) continue;
      g.type = SentWhat(sd, seg, g.positions.front());
      g.mode = g.type == "COERCE" ? "extradite" : "";
    }
    // Calling off a search ("suspended its search for a survivor") ends a
    // rescue, not a military presence: no RETREAT.
    // Halting aid ("would halt all aid payments to Colombia") is a
    // sanction, and the aid it names is no AID event.
    for (Group& g : groups) {
      if (g.type != "RETREAT") continue;
      for (size_t k = g.positions.front() + 1; k < sv.size() && k <= g.positions.front() + 4; ++k) {
        Word w = sv[k].norm;
        if (w == "search" || w == "searches" || w == "búsqueda" || w == "rescue" ||
            w == "rescate" || (k == g.positions.front() + 1 && SearchBefore(sv, g.positions.front()))) {
          g.type.clear();
        } else if (w == "aid" || w == "assistance" || w == "payments" || w == "funding" ||
                   w == "ayuda" || w == "ayudas") {
          g.type = "SANCTION";
          g.mode.clear();
          for (Group& other : groups)
            if (other.type == "AID" && other.positions.front() > g.positions.front() &&
                other.positions.front() <= k)
              other.type.clear();
        } else {
          continue;
        }
        break;
      }
    }
    groups.erase(std::remove_if(groups.begin(), groups.end(),
                                [](const Group& g) { return g.type.empty(); }),
                 groups.end());
    if (groups.empty()) return;
    // "did not respond to a request for comment" states no event.
    if (HasWord(sv, "comment") || HasWord(sv, "comentarios")) {
      groups.erase(std::remove_if(groups.begin(), groups.end(),
                                  [](const Group& g) { return Word(g.type) == "REQUEST"; }),
                   groups.end());
      if (groups.empty()) return;
    }

    Attribution attribution = FindAttribution(sd, seg);
    std::vector<int> sentence_quantities;
    for (uint32_t q = sd.q_begin; q < sd.q_end; ++q)
      sentence_quantities.push_back(static_cast<int>(q));
    std::vector<int> sentence_times;
    for (uint32_t t = sd.t_begin; t < sd.t_end; ++t) sentence_times.push_back(static_cast<int>(t));

    int group_id = -1;
    for (Group& g : groups) {
      EventMention e;
      e.sentence = sv.index;
      e.span = Span{sv.sentence.begin, sv.sentence.end};
      e.trigger = g.trigger;
      e.type = g.type;
      e.mode = g.mode;
      ApplyStatus(sd, seg, cues, g.positions.front(), &e);
      BindFigures(sd, sentence_quantities, &e);
      BindPlace(sd, g.positions.front(), &e);
      BindTime(sd, seg, sentence_times, g.positions.front(), e.running_total, &e);
      BindActors(sd, seg, g.positions.front(), &e);
      if (Word(e.type) == "ASSAULT") AssaultDefaults(sd, g.positions.front(), g.lemma, &e);
      if (Word(e.type) == "ASSAULT" && CampaignReference(sd, g.positions.front(), e)) e.generic = true;
      e.attribution = attribution;
      // A statement's subject speaks: "Sheinbaum rejected", "Petro accused".
      if (e.attribution.speaker.empty() &&
          (Word(e.type) == "REJECT" || Word(e.type) == "ACCUSE" || Word(e.type) == "THREATEN" ||
           Word(e.type) == "DEMAND" || e.status == EventStatus::kDenied)) {
        for (long k = static_cast<long>(g.positions.front()) - 1; k >= 0; --k) {
          int a = sd.actor_at[k];
          if (a >= 0 && out_->actors[a].kind == "person") {
            SetSpeaker(out_->actors[a], &e.attribution);
            break;
          }
        }
      }
      if (e.actors.empty() && !e.attribution.speaker_id.empty())
        AddImpliedActor(e.attribution, &e);
      if (e.count && e.count->value > 1 && !e.running_total && Word(e.type) == "ASSAULT") {
        if (group_id < 0) group_id = next_group_++;
        e.group = group_id;
        std::vector<EventMention> parts;
        if (SplitOneAndAnother(sd, g.positions.front(), e, &parts)) {
          for (EventMention& part : parts) out_->events.push_back(std::move(part));
          continue;
        }
      }
      out_->events.push_back(std::move(e));
    }
  }

  // "two strikes on Sunday, one in the Caribbean that killed three people
  // and another in the eastern Pacific that killed three more": one mention
  // per strike, each with the place and toll of its own part of the
  // sentence, sharing the group (docs/MENTIONS.md). False, and |parts|
  // untouched, unless the sentence names two strikes, a part opened by
  // "one" after the trigger and a part opened by "another", "the other",
  // "the second" or a second "one", each with a place or a toll.
  bool SplitOneAndAnother(const SentenceData& sd, size_t t, const EventMention& e,
                          std::vector<EventMention>* parts) const {
    const SentenceView& sv = sd.sv;
    if (!e.count || e.count->value != 2) return false;
    size_t first = 0, second = 0;
    for (size_t k = t + 1; k < sv.size(); ++k) {
      Word w = sv[k].norm;
      Word before = sv.NormAt(static_cast<long>(k) - 1);
      const bool opens = before == "," || before == "and" || before == "-" || before == ";" ||
                         before == ":" || before == "with";
      if (!first) {
        if ((w == "one" || (w == "first" && before == "the")) && opens) first = k;
      } else if (opens || before == "the") {
        if (w == "another" || w == "one" || (before == "the" && (w == "other" || w == "second")))
          second = k;
      }
      if (second) break;
    }
    if (!first || !second) return false;
    const uint32_t cut = sv[second].begin;
    struct Part {
      uint32_t begin, end;
      int place = -1;
      std::optional<Figure> killed;
    } halves[2] = {{sv[first].begin, cut, -1, std::nullopt}, {cut, sv.sentence.end, -1, std::nullopt}};
    for (Part& h : halves) {
      for (size_t k = 0; k < sv.size(); ++k)
        if (sv[k].begin >= h.begin && sv[k].end <= h.end && sd.place_at[k] >= 0 && h.place < 0)
          h.place = sd.place_at[k];
      for (uint32_t qi = sd.q_begin; qi < sd.q_end; ++qi) {
        const Quantity& q = out_->quantities[qi];
        if (q.counted == Counted::kKilled && !q.is_ordinal && q.span.begin >= h.begin &&
            q.span.end <= h.end && !h.killed)
          h.killed = Figure{q.value, q.high, q.qualifier, static_cast<int>(qi)};
      }
      if (h.place < 0 && !h.killed) return false;
    }
    for (const Part& h : halves) {
      EventMention part = e;
      part.count.reset();
      if (part.vessels && part.vessels->value == 2) part.vessels.reset();
      if (h.place >= 0) part.place = h.place;
      part.killed = h.killed;
      parts->push_back(std::move(part));
    }
    return true;
  }

  // A count of people whose noun ends a troops phrase of the lexicon counts
  // troops: "10,000 National Guard members".
  void CountTroopPhrases(SentenceData* sd) {
    for (uint32_t qi = sd->q_begin; qi < sd->q_end; ++qi) {
      Quantity& q = out_->quantities[qi];
      if (q.counted != Counted::kPeople) continue;
      for (const LexMatch& m : sd->matches) {
        if (m.layer != MatchLayer::kNoun || sd->sv[m.last].end != q.span.end) continue;
        for (const PhraseHit& h : m.hits)
          if (h.kind == LexKind::kNoun && res_->noun(h.index).category == "troops")
            q.counted = Counted::kTroops;
      }
    }
  }

  // What "send" at |t| sends, from the first thing named after it in its
  // clause: troops, ships or aircraft (MOBILIZE), people (COERCE), or
  // neither ("").
  std::string SentWhat(const SentenceData& sd, const std::vector<int>& seg, size_t t) const {
    const SentenceView& sv = sd.sv;
    for (size_t k = t + 1; k < sv.size() && k <= t + 8 && seg[k] == seg[t]; ++k) {
      // A phrase of the noun lexicon first: "National Guard members".
      for (const LexMatch& m : sd.matches) {
        if (m.layer != MatchLayer::kNoun || m.first != k) continue;
        for (const PhraseHit& h : m.hits) {
          if (h.kind != LexKind::kNoun) continue;
          std::string_view c = res_->noun(h.index).category;
          if (c == "troops" || c == "warship" || c == "vessel") return "MOBILIZE";
          if (c == "person" || c == "cartel") return "COERCE";
        }
      }
      std::string_view w = sv[k].norm;
      if (w == "aircraft" || w == "jets" || w == "planes" || w == "bombers" || w == "fighters" ||
          w == "helicopters" || w == "drones" || w == "reinforcements" || w == "assets" ||
          w == "aviones" || w == "helicópteros")
        return "MOBILIZE";
      switch (Classify(w)) {
        case Counted::kTroops:
        case Counted::kVessels:
          return "MOBILIZE";
        case Counted::kPeople:
          return "COERCE";
        default:
          break;
      }
      if (w == "prisoners" || w == "inmates" || w == "detainees" || w == "capos" ||
          w == "narcos" || w == "presos" || w == "reos")
        return "COERCE";
      int a = sd.actor_at[k];
      if (a >= 0 && (out_->actors[a].kind == "person" || out_->actors[a].kind == "armed_group"))
        return "COERCE";
    }
    return "";
  }

  // An ASSAULT without a mode is "drone" when the sentence speaks of
  // drones, else "aerial" for strikes and bombings and for attacks on
  // vessels (the campaign's boats are hit from the air). "A boat" after the
  // trigger counts one vessel when no number is given.
  void AssaultDefaults(const SentenceData& sd, size_t t, const std::string& lemma,
                       EventMention* e) {
    const SentenceView& sv = sd.sv;
    bool vessel_target = false;
    for (const LexMatch& m : sd.matches) {
      if (m.layer != MatchLayer::kNoun) continue;
      for (const PhraseHit& h : m.hits) {
        if (h.kind != LexKind::kNoun || res_->noun(h.index).category != "vessel") continue;
        if (m.first > t) vessel_target = true;
        if (!e->vessels && !e->running_total && e->group < 0) {
          // One vessel: a singular noun introduced by an article, "another",
          // "one" or an ordinal ("a suspected drug boat", "a third boat"), or
          // bare after a preposition as headlines write it ("strike on
          // alleged drug boat"). "The boat" refers back and is not counted.
          Word noun = sv[m.last].norm;
          bool plural = !noun.empty() && noun.back() == 's' && noun != "semi-submersible";
          for (long k = static_cast<long>(m.first) - 1; !plural && k >= 0 &&
                                                         k >= static_cast<long>(m.first) - 4;
               --k) {
            Word w = sv[k].norm;
            if (w == "a" || w == "an" || w == "another" || w == "one" || w == "una" ||
                w == "un" || w == "otra" || w == "otro" || OrdinalValue(w) > 0 ||
                ((w == "on" || w == "against" || w == "hits" || w == "hit" || w == "sobre" ||
                  w == "contra") &&
                 sd.sentence_is_headline)) {
              e->vessels = Figure{1, 1, Qualifier::kExact, -1};
              break;
            }
            if (sv[k].kind != TokenKind::kWord || w == "the" || w == "its" || w == "of" ||
                w == "that" || w == "this" || w == "whose")
              break;
          }
        }
        break;
      }
    }
    if (e->mode.empty()) {
      if (HasWord(sv, "drone") || HasWord(sv, "drones") || HasWord(sv, "dron")) e->mode = "drone";
      else if (lemma == "strike" || lemma == "airstrike" || lemma == "bomb" || vessel_target)
        e->mode = "aerial";
    }
  }

  // (Callers name a literal: the comparison is then inline, Word's.)
  template <size_t N>
  static bool HasWord(const SentenceView& sv, const char (&w)[N]) {
    for (const Tok& t : sv.toks)
      if (t.norm == w) return true;
    return false;
  }

  bool OverlapsEntity(const SentenceData& sd, size_t first, size_t last) const {
    for (size_t k = first; k <= last; ++k)
      if (sd.actor_at[k] >= 0 &&
          out_->actors[sd.actor_at[k]].kind != "state")  // "Operation Southern Spear"
        return true;
    return false;
  }

  // Whether a number of dead, strikes or boats starts within three tokens
  // after token |last|.
  bool FigureFollows(const SentenceData& sd, size_t last) const {
    if (last + 1 >= sd.sv.size()) return false;
    const uint32_t from = sd.sv[last].end;
    const uint32_t to = sd.sv[std::min(last + 3, sd.sv.size() - 1)].end;
    for (uint32_t q = sd.q_begin; q < sd.q_end; ++q) {
      const Quantity& qq = out_->quantities[q];
      if (qq.span.begin >= from && qq.span.begin <= to &&
          (qq.counted == Counted::kKilled || qq.counted == Counted::kStrikes ||
           qq.counted == Counted::kVessels || qq.counted == Counted::kUnknown))
        return true;
    }
    return false;
  }

  // "the strikes", "its attacks", "the U.S. strikes" with no figure of their
  // own speak of the campaign ("lawyers said the strikes did not amount to
  // hostilities"), not of one event; a date in such a sentence is another
  // event's ("a briefing on Thursday").
  bool CampaignReference(const SentenceData& sd, size_t t, const EventMention& e) const {
    if (e.status != EventStatus::kOccurred) return false;  // "such strikes" planned: a status
    if (e.killed || e.injured || e.survivors || e.missing || e.vessels || e.count || e.ordinal)
      return false;
    for (const Quantity& q : QuantitiesOf(sd))
      if (q.is_ordinal) return false;  // "the 18th and 19th of the campaign"
    // A date right at the trigger names the strikes: "the Oct. 27 strikes".
    for (uint32_t ti = sd.t_begin; ti < sd.t_end; ++ti) {
      const Span& span = out_->times[ti].span;
      size_t k = 0;
      while (k < sd.sv.size() && sd.sv[k].end <= span.begin) ++k;
      size_t last = k;
      while (last + 1 < sd.sv.size() && sd.sv[last + 1].begin < span.end) ++last;
      if (last + 4 >= t && k <= t + 4) return false;
    }
    Word w = sd.sv[t].norm;
    if (w != "strikes" && w != "attacks" && w != "airstrikes" && w != "bombings" &&
        w != "raids" && w != "ataques" && w != "bombardeos")
      return false;
    for (long k = static_cast<long>(t) - 1; k >= 0 && k >= static_cast<long>(t) - 3; --k) {
      Word d = sd.sv[k].norm;
      if (d == "the" || d == "these" || d == "those" || d == "such" || d == "its" ||
          d == "their" || d == "his" || d == "her" || d == "los" || d == "estos")
        return true;
      if (sd.sv[k].kind == TokenKind::kPunct) return false;
    }
    return false;
  }

  // Whether the "would" at |k| reports an intention: a say-verb shortly
  // before it ("said it would", "said Thursday that the United States
  // would"), and no "if" in the sentence.
  static bool ReportedIntention(const SentenceView& sv, long k) {
    for (size_t j = 0; j < sv.size(); ++j)
      if (sv[j].norm == "if" || sv[j].norm == "unless") return false;
    for (long j = k - 1; j >= 0 && j >= k - 7; --j)
      if (sv[j].norm == "said" || sv[j].norm == "says" || sv[j].norm == "announced" ||
          sv[j].norm == "told" || sv[j].norm == "pledged" || sv[j].norm == "vowed")
        return true;
    return false;
  }

  // Status, genericity, negation and running totals of the event at token |t|.
  void ApplyStatus(const SentenceData& sd, const std::vector<int>& seg,
                   const std::vector<Cue>& cues, size_t t, EventMention* e) {
    const SentenceView& sv = sd.sv;
    bool planned = false, hypothetical = false, threatened = false, denied = false,
         unclear = false, ongoing = false;
    Span cue_span;
    auto note = [&](size_t first, size_t last) {
      if (cue_span.empty()) cue_span = Span{sv[first].begin, sv[last].end};
    };
    for (const Cue& c : cues) {
      bool applies = false;
      if (Word(c.scope) == "sentence") applies = true;
      else if (Word(c.scope) == "clause")
        applies = SameClause(seg, c.first, t) &&
                  // "a vessel allegedly carrying drugs", "una embarcación
                  // presuntamente dedicada al narcotráfico": the hedge is
                  // about the thing hit, not about the strike.
                  !(Word(c.category) == "unclear" && c.first > t && IsHitThing(sv[c.first - 1].norm));
      else if (Word(c.scope) == "following")
        applies = (c.last < t && t - c.last <= 8) ||
                  // "...; toll rises to 8": a total's cue before its figure.
                  (Word(c.category) == "running_total" && FigureFollows(sd, c.last));
      else if (Word(c.scope) == "preceding") applies = c.first > t && c.first - t <= 6;
      else applies = SameClause(seg, c.first, t);
      if (!applies) continue;
      Word cat = c.category;
      if (cat == "running_total") {
        e->running_total = true;
        if (Word(c.scope) == "following") e->total_figures = true;
        std::string scope;
        for (size_t k = c.first; k <= c.last; ++k) {
          if (!scope.empty()) scope += ' ';
          scope.append(sv[k].text);
        }
        e->tally_scope.push_back(scope);
        continue;
      }
      if (cat == "generic") {
        e->generic = true;
        continue;
      }
      if (cat == "planned" || cat == "future") planned = true;
      else if (cat == "hypothetical" || cat == "possible") hypothetical = true;
      else if (cat == "threatened") threatened = true;
      else if (cat == "denied") denied = true;
      else if (cat == "negated") { denied = true; e->negated = true; }
      else if (cat == "unclear") unclear = true;
      else if (cat == "ongoing") ongoing = true;
      else continue;
      note(c.first, c.last);
    }
    // Modal verbs, "if" and negation governing the trigger. A statement
    // (rejection, accusation, demand) is made whatever its modal content:
    // "Mexico would not accept any intervention" is a rejection that
    // occurred.
    const bool statement = Word(e->type) == "REJECT" || Word(e->type) == "ACCUSE" || Word(e->type) == "DEMAND";
    for (long k = static_cast<long>(t) - 1; !statement && k >= 0 && k >= static_cast<long>(t) - 5;
         --k) {
      if (seg[k] != seg[t]) break;
      Word w = sv[k].norm;
      const bool intention =
          w == "would" && static_cast<long>(t) - k <= 2 && ReportedIntention(sv, k);
      if ((w == "would" && !intention) || w == "could" || w == "might" || w == "may" ||
          w == "podría" || w == "podrian" || w == "podrían") {
        hypothetical = true;
        note(k, k);
      } else if (w == "will" || w == "shall" || w == "'ll" || w == "planned" || w == "plans" ||
                 w == "planning" || w == "intends" || w == "wants" || w == "prepares" ||
                 w == "preparing") {
        planned = true;
        note(k, k);
      } else if (intention) {
        // "said it would deploy 4,000 Marines", "said the United States
        // would begin striking": an intention announced, not a supposition.
        planned = true;
        note(k, k);
      } else if (w == "not" || w == "n't" || w == "never" || w == "no") {
        Word next = sv.NormAt(k + 1), next2 = sv.NormAt(k + 2);
        bool imminent = false;
        for (long j = k + 1; j <= k + 4; ++j) imminent |= sv.NormAt(j) == "imminent";
        if (imminent) {
          // "no deployment is imminent": planned, not yet.
          planned = true;
          note(k, k);
          continue;
        }
        if (next == "ruled" || next == "rule" || next2 == "ruled" || next2 == "rule" ||
            next == "excluded" || next == "descartado") {
          // "has not ruled out strikes": a possibility.
          hypothetical = true;
          note(k, k);
        } else if (!(w == "not" && next == "only")) {
          e->negated = true;
          denied = true;
          note(k, k);
        }
      }
    }
    for (long k = 0; k < static_cast<long>(sv.size()); ++k) {
      Word w = sv[k].norm;
      if ((w == "if" || w == "si") && (seg[k] == seg[t] || seg[k] + 1 == seg[t])) {
        hypothetical = true;
        note(k, k);
      }
    }
    // Tallies without a cue word: a count of strikes with a death toll in a
    // cumulative frame ("64 people have been killed in the 15 strikes", "the
    // strikes have killed 64"), not a multi-strike incident ("three strikes
    // on four vessels, killing 14").
    if (!e->running_total) {
      // "has now carried out one strike": a count of one in a perfect
      // "has/have ... now" frame is a tally too (the campaign's first).
      bool perfect_now = HasWord(sv, "now") && (HasWord(sv, "has") || HasWord(sv, "have"));
      bool strikes_count = false, killed = false;
      for (const Quantity& q : QuantitiesOf(sd)) {
        if (q.counted == Counted::kStrikes && !q.is_ordinal &&
            (q.value >= 2 || (q.value == 1 && perfect_now)))
          strikes_count = true;
        if (q.counted == Counted::kKilled) killed = true;
      }
      bool cumulative = false;
      // (The frame matters only with both figures: most sentences skip the scan.)
      for (size_t k = 0; strikes_count && killed && k < sv.size(); ++k) {
        Word w = sv[k].norm;
        if (w == "since" || w == "desde" || w == "total" || w == "toll" || w == "campaign" ||
            w == "now" || w == "all" || w == "tally" || w == "count" || w == "bringing" ||
            w == "brings" || w == "bring")
          cumulative = true;
        if ((w == "have" || w == "has") && k + 1 < sv.size() &&
            (sv[k + 1].norm == "killed" || sv[k + 1].norm == "died" || sv[k + 1].norm == "been" ||
             sv[k + 1].norm == "carried" || sv[k + 1].norm == "conducted" ||
             sv[k + 1].norm == "launched" || sv[k + 1].norm == "struck"))
          cumulative = true;
      }
      if (strikes_count && killed && cumulative) e->running_total = true;
    }
    // An ordinal names this strike's place in the campaign ("the 10th strike
    // since September"); without a death toll or a count it is not a tally.
    if (e->running_total && cue_span.empty()) {
      bool ordinal = false, figures = false;
      for (const Quantity& q : QuantitiesOf(sd)) {
        if (q.is_ordinal) ordinal = true;
        else if (q.counted == Counted::kKilled || q.counted == Counted::kStrikes ||
                 q.counted == Counted::kVessels)
          figures = true;
      }
      if (ordinal && !figures) {
        e->running_total = false;
        e->tally_scope.clear();
      }
    }
    // Strikes that someone rejects or opposes, with no toll of their own,
    // are proposals, not events: "Sheinbaum rejects US strikes in Mexico".
    if (Word(e->type) == "ASSAULT" && !denied && !planned) {
      bool rejected = false, toll = false;
      for (long k = static_cast<long>(t) - 1; k >= 0 && seg[k] == seg[t]; --k) {
        Word w = sv[k].norm;
        if (w == "rejects" || w == "rejected" || w == "reject" || w == "opposes" ||
            w == "opposed" || w == "rechaza" || w == "rechazó" || w == "against")
          rejected = w != "against";
      }
      for (const Quantity& q : QuantitiesOf(sd))
        if (q.counted == Counted::kKilled) toll = true;
      if (rejected && !toll) hypothetical = true;
    }
    // "denied that the boat struck by the U.S. military on Tuesday was
    // carrying drugs": a participle after the thing hit states the attack
    // as given, whatever the clause around it claims.
    if (Word(e->type) == "ASSAULT" && t > 0 && t + 1 < sv.size() && sv[t + 1].norm == "by" &&
        (sv[t].norm == "struck" || sv[t].norm == "hit" || sv[t].norm == "attacked" ||
         sv[t].norm == "targeted" || sv[t].norm == "destroyed" || sv[t].norm == "sunk") &&
        IsHitThing(sv[t - 1].norm)) {
      denied = threatened = planned = hypothetical = unclear = false;
      e->negated = false;
      cue_span = Span{};
    }
    // A rejection, accusation or demand is made when it is stated, whatever
    // future it speaks of: "Mexico will not accept any intervention".
    if (statement && (planned || hypothetical || threatened)) {
      planned = hypothetical = threatened = false;
      cue_span = Span{};
    }
    if (denied) e->status = EventStatus::kDenied;
    else if (threatened) e->status = EventStatus::kThreatened;
    else if (planned) e->status = EventStatus::kPlanned;
    else if (hypothetical) e->status = EventStatus::kHypothetical;
    else if (unclear) e->status = EventStatus::kUnclear;
    else if (ongoing) e->status = EventStatus::kOngoing;
    e->status_cue = cue_span;
  }

  static bool SameClause(const std::vector<int>& seg, size_t a, size_t b) {
    return seg[a] == seg[b] || (a < b && seg[b] - seg[a] == 1);
  }

  void BindFigures(const SentenceData& sd, const std::vector<int>& qs, EventMention* e) {
    auto figure = [&](int qi) {
      const Quantity& q = out_->quantities[qi];
      return Figure{q.value, q.high, q.qualifier, qi};
    };
    const bool assault = Word(e->type) == "ASSAULT";
    for (int qi : qs) {
      const Quantity& q = out_->quantities[qi];
      // No count of people, vessels or strikes exceeds the number of people
      // alive: "killed 10,000,000,000,000 people" is not a figure for the
      // ledger (its sums would be meaningless). The quantity stays listed.
      if (!(q.value <= kMostPeople && q.high <= kMostPeople)) continue;
      bool used = true;
      switch (q.counted) {
        case Counted::kKilled:
          if (assault && !e->killed) e->killed = figure(qi); else used = false;
          break;
        case Counted::kInjured:
          if (assault && !e->injured) e->injured = figure(qi); else used = false;
          break;
        case Counted::kSurvivors:
          if (assault && !e->survivors) e->survivors = figure(qi); else used = false;
          break;
        case Counted::kMissing:
        case Counted::kPresumedDead:  // "missing" holds both: neither is a confirmed death
          if (assault && !e->missing) e->missing = figure(qi); else used = false;
          break;
        case Counted::kVessels:
          if (!q.is_ordinal && !e->vessels) e->vessels = figure(qi); else used = false;
          break;
        case Counted::kStrikes:
          if (!assault) used = false;
          else if (q.is_ordinal) e->ordinal = static_cast<int>(q.value);
          else if (!e->count) e->count = figure(qi);
          else used = false;
          break;
        case Counted::kTroops:
          if (Word(e->type) == "MOBILIZE" && !e->troops) e->troops = figure(qi); else used = false;
          break;
        case Counted::kExtradited:
          if (Word(e->type) == "COERCE" && !e->count && (e->mode.empty() || Word(e->mode) == "extradite"))
            e->count = figure(qi);
          else used = false;
          break;
        case Counted::kArrested:
        case Counted::kPeople:
          // People handed over are counted right after the verb: "sent 29
          // cartel figures", "entregó a 29 narcotraficantes".
          if (Word(e->type) == "COERCE" && !e->count &&
              (Word(e->mode) != "extradite" ||
               (q.counted == Counted::kPeople && q.span.begin >= e->trigger.end &&
                (q.span.begin - e->trigger.end <= 2 ||
                 Word(doc_.text.substr(e->trigger.end, q.span.begin - e->trigger.end)) == " a "))))
            e->count = figure(qi);
          else used = false;
          break;
        case Counted::kGroups:
          if (Word(e->type) == "SANCTION" && !e->count) e->count = figure(qi); else used = false;
          break;
        default:
          used = false;
      }
      if (used) e->quantities.push_back(qi);
    }
    // "two strikes on two boats ..., killing three people on each": the
    // figure is per strike (or per boat), the mention's toll is the product.
    // The quantity keeps its own span and value; the mention's figure says
    // what the sentence adds up to (docs/MENTIONS.md).
    if (assault && e->killed && !e->running_total) {
      const Quantity& q = out_->quantities[e->killed->quantity];
      size_t at = 0;
      while (at < sd.sv.size() && sd.sv[at].begin < q.span.end) ++at;
      bool each = false;
      for (size_t k = at; k < sd.sv.size() && k < at + 4; ++k) {
        if (sd.sv[k].norm == "each" || sd.sv[k].norm == "apiece" || sd.sv[k].norm == "cada") {
          each = true;
          break;
        }
        if (sd.sv[k].kind == TokenKind::kPunct) break;
      }
      double times = 0;
      if (e->count && e->count->value > 1 && e->count->value <= 20) times = e->count->value;
      else if (e->vessels && e->vessels->value > 1 && e->vessels->value <= 20) times = e->vessels->value;
      if (each && times > 1) {
        e->killed->value *= times;
        e->killed->high *= times;
      } else if (each && !e->count && !e->vessels) {
        // "Three people were killed in each strike", after "two strikes,
        // killing six": a toll split among strikes counted elsewhere is no
        // event's toll of its own.
        e->killed.reset();
      }
    }
    // "the 15th" after a strike word: "the strike was at least the 15th".
    if (assault && !e->ordinal) {
      for (int qi : qs) {
        const Quantity& q = out_->quantities[qi];
        if (q.is_ordinal && q.counted == Counted::kUnknown && q.value >= 1 && q.value < 1000 &&
            (HasWord(sd.sv, "strike") || HasWord(sd.sv, "attack"))) {
          e->ordinal = static_cast<int>(q.value);
          e->quantities.push_back(qi);
          break;
        }
      }
    }
  }

  // The event's place: a place phrase in a locative position ("in the
  // Caribbean", "off Venezuela", "southwest of Acapulco"); seas, areas and
  // cities before regions, regions before countries; then the nearest to
  // the trigger, preferring phrases after it. A country named as an
  // attribute ("a US strike") is not where the event happened.
  void BindPlace(const SentenceData& sd, size_t t, EventMention* e) {
    int best = -1;
    long best_cost = 1L << 30;
    for (size_t k = 0; k < sd.sv.size(); ++k) {
      int p = sd.place_at[k];
      if (p < 0 || (k > 0 && sd.place_at[k - 1] == p)) continue;
      const PlaceMention& pm = out_->places[p];
      const bool article = k > 1 && IsArticle(sd.sv[k - 1].norm);
      // "waters of the Pacific", "aguas del Pacífico oriental", "costas de
      // Venezuela": a sea or coast word before "of/de/del" places it too.
      const Word before_of = sd.sv.NormAt(static_cast<long>(k) - (article ? 3 : 2));
      const Word of = sd.sv.NormAt(static_cast<long>(k) - (article ? 2 : 1));
      const bool waters_of =
          (of == "of" || of == "de" || of == "del") &&
          (before_of == "waters" || before_of == "aguas" || before_of == "coast" ||
           before_of == "costa" || before_of == "costas" || before_of == "shores");
      bool locative = (k > 0 && IsLocationPreposition(sd.sv[k - 1].norm)) ||
                      (article && IsLocationPreposition(sd.sv[k - 2].norm)) || waters_of ||
                      !pm.qualifier.empty();
      if (!locative) continue;
      // Where an attack happened is never where someone came from or where
      // a boat was headed: "a fisherman from Santa Marta", "narcotics
      // toward the United States". ("Expands strikes to the eastern
      // Pacific" does place them.)
      if (Word(e->type) == "ASSAULT" && pm.qualifier.empty()) {
        Word prep = article ? sd.sv[k - 2].norm : sd.sv[k - 1].norm;
        if (prep == "from" || prep == "toward" || prep == "towards" || prep == "desde" ||
            prep == "hacia")
          continue;
        // Nor where people or boats were taken afterwards: "survivors were
        // repatriated to Colombia", "the crew was flown to Ecuador".
        if (prep == "to") {
          size_t to = article ? k - 2 : k - 1;
          bool moved = false;
          for (size_t j = to; j > 0 && j + 3 >= to && !moved; --j)
            moved = IsTransferVerb(sd.sv[j - 1].norm);
          if (moved) continue;
        }
      }
      // "in US strike", "in Mexican military raids": a country name or
      // demonym right before the event's noun says who acted, not where.
      size_t last = k;
      while (last + 1 < sd.sv.size() && sd.place_at[last + 1] == p) ++last;
      if (Word(pm.kind) == "country" && last + 1 < sd.sv.size() &&
          (last + 1 == t || IsAttributiveHead(sd.sv[last + 1].norm)))
        continue;
      long rank = Word(pm.kind) == "region" ? 1 : Word(pm.kind) == "country" ? 2 : 0;
      long dist = static_cast<long>(k) - static_cast<long>(t);
      long cost = rank * 1000 + (dist >= 0 ? dist : -dist * 2);
      if (cost < best_cost) {
        best_cost = cost;
        best = p;
      }
    }
    e->place = best;
  }

  // The end (byte offset) of a dateline opening the sentence ("SAN DIEGO,
  // Calif., Oct 5 (Reuters) -", "MEXICO CITY, Nov. 3 —"), or 0: a place
  // word in capitals first, then only capitalised words, numbers and
  // punctuation up to a dash within the first 16 tokens.
  static uint32_t DatelineEnd(const SentenceView& sv) {
    if (sv.size() < 3 || !(sv[0].flags & kTokAllCaps)) return 0;
    for (size_t i = 1; i < sv.size() && i < 16; ++i) {
      const Tok& k = sv[i];
      if (k.kind == TokenKind::kPunct && (k.norm == "-" || k.norm == "--")) return k.begin;
      if (k.kind == TokenKind::kWord || k.kind == TokenKind::kAbbreviation) {
        if (!k.Capitalized()) return 0;
      } else if (k.kind != TokenKind::kPunct && k.kind != TokenKind::kNumber &&
                 k.kind != TokenKind::kAcronym) {
        return 0;
      }
    }
    return 0;
  }

  // The event's time: the tracker item's date, else the expression nearest
  // the trigger. An expression in a "since" phrase scopes a tally ("since
  // early September") or dates something else ("since the U.S. sent
  // warships in August"); it never dates the event. A dateline's date is
  // when the report was filed: the event's time only when the sentence has
  // no other.
  void BindTime(const SentenceData& sd, const std::vector<int>& seg, const std::vector<int>& ts,
                size_t t, bool tally, EventMention* e) {
    int best = -1;
    long best_cost = 1L << 30;
    bool best_is_statement = false;
    const uint32_t dateline_end = DatelineEnd(sd.sv);
    for (int ti : ts) {
      const TimeExpr& te = out_->times[ti];
      if (te.list_prefix) {
        best = ti;
        break;
      }
      size_t k = 0;
      while (k < sd.sv.size() && sd.sv[k].begin < te.span.begin) ++k;
      bool since = false;
      for (long j = static_cast<long>(k) - 1; j >= 0 && j >= static_cast<long>(k) - 7; --j) {
        if (k < sd.sv.size() && seg[j] != seg[k]) break;
        Word w = sd.sv[j].norm;
        if (w == "since" || w == "desde" || (tally && (w == "began" || w == "begun" ||
                                                       w == "started" || w == "beginning")))
          since = true;
      }
      if (since) {
        if (tally)
          e->tally_scope.push_back("since " + std::string(doc_.text.substr(
                                                  te.span.begin, te.span.end - te.span.begin)));
        continue;
      }
      long dist = static_cast<long>(k) - static_cast<long>(t);
      long cost = dist >= 0 ? dist : -dist;
      // A time next to a statement verb dates the statement.
      size_t last = k;
      while (last + 1 < sd.sv.size() && sd.sv[last + 1].begin < te.span.end) ++last;
      bool statement_time = false;
      for (size_t j = last + 1; j < sd.sv.size() && j <= last + 2; ++j)
        statement_time |= IsStatementVerb(sd.sv[j].norm);
      for (long j = static_cast<long>(k) - 1; j >= 0 && j >= static_cast<long>(k) - 2; --j)
        statement_time |= IsStatementVerb(sd.sv[j].norm);
      // "announced the attack on Saturday", "dio a conocer los ataques el
      // martes": a time right after an announced event names the
      // announcement's day.
      if (k > t && k - t <= 2) {
        for (long j = static_cast<long>(t) - 1; j >= 0 && j >= static_cast<long>(t) - 3; --j)
          statement_time |= AnnouncesAThing(sd.sv[j].norm);
      }
      // "the Sept. 2 attack", "Monday's strike": a time right before the
      // trigger is the event's, whatever verb comes before it.
      if (last + 1 == t || (last + 2 == t && sd.sv[last + 1].norm == "'s")) statement_time = false;
      if (statement_time) cost += 1000;  // (a tracker item's date was taken above)
      if (te.span.end <= dateline_end) cost += 2000;
      if (cost < best_cost) {
        best_cost = cost;
        best = ti;
        best_is_statement = statement_time;
      }
    }
    e->time = best;
    // A strike is announced on its day or the next: a statement's day
    // bounds it from above.
    e->time_of_statement = best >= 0 && best_is_statement && Word(e->type) == "ASSAULT" &&
                           out_->times[best].precision == TimePrecision::kDay;
  }

  // Whether the person at token |k|, after an attack's trigger at |t|, is
  // what was attacked. Officials are the ones who order and announce
  // strikes ("..., Hegseth said", "ordered by President Trump"), so a
  // government, military or intelligence person never is; nor is anyone who
  // speaks, acts ("by"), or stands in a later clause.
  bool PersonTargeted(const SentenceData& sd, const std::vector<int>& seg, size_t t, size_t k,
                      const ActorMention& m) const {
    if (Word(m.sector) == "GOV" || Word(m.sector) == "MIL" || Word(m.sector) == "SPY") return false;
    if (!SameClause(seg, t, k)) return false;
    if (k > 0 && (sd.sv[k - 1].norm == "by" || sd.sv[k - 1].norm == "por")) return false;
    size_t last = k;
    while (last + 1 < sd.sv.size() && sd.actor_at[last + 1] == sd.actor_at[k]) ++last;
    for (const LexMatch& lm : sd.matches)
      if (lm.layer == MatchLayer::kAttribution && lm.first > last && lm.first <= last + 2)
        return false;
    return true;
  }

  // Nouns that talk about an event from outside it: "the survivors of",
  // "the legality of", "video of" a strike.
  static bool OnlyAboutTheEvent(Word w) {
    static const WordTable<bool>::Entry kHeads[] = {
        {"survivor", true},      {"survivors", true},    {"victim", true},
        {"victims", true},       {"families", true},     {"relatives", true},
        {"legality", true},      {"lawfulness", true},   {"basis", true},
        {"justification", true}, {"aftermath", true},    {"wake", true},
        {"video", true},         {"videos", true},       {"footage", true},
        {"images", true},        {"investigation", true}, {"investigations", true},
        {"review", true},        {"criticism", true},    {"condemnation", true},
        {"details", true},       {"evidence", true},     {"news", true},
        {"scrutiny", true},      {"critics", true},      {"opponents", true},
        {"sobrevivientes", true}, {"sobreviviente", true}, {"víctimas", true},
        {"familiares", true},    {"legalidad", true}};
    static const WordTable<bool> kTable(kHeads);
    return kTable.Contains(w);
  }

  // "survivor search called off": a search named right before the verb.
  static bool SearchBefore(const SentenceView& sv, size_t t) {
    for (long j = static_cast<long>(t) - 1; j >= 0 && j >= static_cast<long>(t) - 2; --j)
      if (sv[j].norm == "search" || sv[j].norm == "búsqueda" || sv[j].norm == "rescue")
        return true;
    return false;
  }

  static bool IsPrepositionBeforeActor(Word w) {
    return w == "by" || w == "to" || w == "with" || w == "from" || w == "for" ||
           w == "against" || w == "por" || w == "con" || w == "contra";
  }

  void BindActors(const SentenceData& sd, const std::vector<int>& seg, size_t t, EventMention* e) {
    const SentenceView& sv = sd.sv;
    // Actor: the nearest state, government, military or security actor
    // before the trigger, but not in a dateline ("PORT OF SPAIN, Trinidad
    // (AP) -" says where the report was filed); targets: armed groups after
    // it.
    const uint32_t dateline_end = DatelineEnd(sv);
    auto acts = [&](const ActorMention& m) {
      return Word(m.kind) == "state" || Word(m.kind) == "gov_body" || Word(m.kind) == "military" ||
             Word(m.kind) == "security" || Word(m.kind) == "armed_group" ||
             Word(m.kind) == "legislature";
    };
    // A passive's agent comes first: "the boat struck by the U.S. military"
    // in "Sheinbaum denied that the boat struck by the U.S. military ...",
    // where the nearest state before the trigger is Mexico.
    if (size_t by = t + 1; by < sv.size() && (sv[by].norm == "by" || sv[by].norm == "por")) {
      for (size_t k = by + 1; k < sv.size() && k <= by + 4; ++k) {
        int a = sd.actor_at[k];
        if (a >= 0 && acts(out_->actors[a])) {
          e->actors.push_back(a);
          break;
        }
        if (sv[k].kind == TokenKind::kPunct) break;
      }
    }
    // "Mexico's navy suspended its search for a survivor of Monday's
    // strikes", "Democrats questioned the legality of the strikes": the
    // subject neither carried out nor suffered what a noun after "survivor
    // of", "legality of" names; only an actor inside that noun phrase acts
    // ("the legality of the U.S. strikes").
    long floor = -1;
    for (long k = static_cast<long>(t) - 1; k > 0 && k >= static_cast<long>(t) - 5; --k) {
      if (sv[k].kind == TokenKind::kPunct && sv[k].norm.find('\'') != 0) break;
      if (sv[k].norm == "of" || sv[k].norm == "de") {
        if (OnlyAboutTheEvent(sv[k - 1].norm)) floor = k;
        break;
      }
    }
    for (long k = static_cast<long>(t) - 1;
         e->actors.empty() && k > floor && sv[k].begin >= dateline_end; --k) {
      int a = sd.actor_at[k];
      if (a < 0) continue;
      const ActorMention& m = out_->actors[a];
      // The object of a preposition does not act: "a speedboat operated by
      // Tren de Aragua is destroyed", "a boat linked to the ELN was hit".
      size_t first = static_cast<size_t>(k);
      while (first > 0 && sd.actor_at[first - 1] == a) --first;
      if (first > 0 && IsPrepositionBeforeActor(sv[first - 1].norm) &&
          sv.NormAt(static_cast<long>(first) - 2) != "according") {
        k = static_cast<long>(first);
        continue;
      }
      if (acts(m)) {
        // Skip the speaker of an attribution ("Hegseth said") but not "the
        // Pentagon struck".
        e->actors.push_back(a);
        break;
      }
    }
    // The actors seen after the trigger (a few per sentence).
    thread_local std::vector<int> seen;
    seen.clear();
    for (size_t k = t + 1; k < sv.size(); ++k) {
      int a = sd.actor_at[k];
      if (a < 0 || std::find(seen.begin(), seen.end(), a) != seen.end()) continue;
      seen.push_back(a);
      const ActorMention& m = out_->actors[a];
      if (Word(m.kind) == "armed_group" || (Word(m.kind) == "state" && Word(e->type) != "ASSAULT") ||
          (Word(m.kind) == "person" && Word(e->type) == "ASSAULT" && PersonTargeted(sd, seg, t, k, m)))
        e->targets.push_back(a);
    }
    // Things: vessels, labs, cartels named after the trigger.
    for (const LexMatch& m : sd.matches) {
      if (m.layer != MatchLayer::kNoun || m.first <= t) continue;
      for (const PhraseHit& h : m.hits) {
        if (h.kind != LexKind::kNoun) continue;
        Word c = res_->noun(h.index).category;
        if (c == "vessel" || c == "drug_lab" || c == "cartel") {
          std::string thing;
          for (size_t k = m.first; k <= m.last; ++k) {
            if (!thing.empty()) thing += ' ';
            thing += sv[k].norm;
          }
          if (std::find(e->target_things.begin(), e->target_things.end(), thing) ==
              e->target_things.end())
            e->target_things.push_back(thing);
          break;
        }
      }
    }
  }

  void AddImpliedActor(const Attribution& attr, EventMention* e) {
    uint32_t ai;
    if (!res_->FindActor(attr.speaker_id, &ai)) return;
    const ActorEntry& speaker = res_->actor(ai);
    if (speaker.kind != ActorKind::kPerson || speaker.country.empty()) return;
    if (Word(e->type) != "ASSAULT" && Word(e->type) != "MOBILIZE" && Word(e->type) != "COERCE") return;
    // The state of the official who announced it.
    for (size_t p = 0; p < res_->place_count(); ++p) {
      const PlaceEntry& pl = res_->place(p);
      if (pl.kind == PlaceKind::kCountry && pl.country3 == speaker.country) {
        int a = AddStateActor(pl, Span{}, e->sentence, false, false);
        out_->actors[a].implied = true;
        e->actors.push_back(a);
        return;
      }
    }
  }

  // Who says so: speaker and role, medium, anonymous sources, outlet cited.
  // The token of "designated" used as a verb that designates, or
  // sv.size(): not after an article, "as" or a number ("a designated
  // terrorist organization", "as designated narco-terrorists"), not
  // directly before the label ("designated terrorist groups"), and with
  // "terrorist", "FTO" or "SDGT" within the twelve words after it.
  size_t VerbDesignated(const SentenceData& sd) const {
    const SentenceView& sv = sd.sv;
    for (size_t k = 1; k + 1 < sv.size(); ++k) {
      if (sv[k].norm != "designated") continue;
      Word before = sv[k - 1].norm;
      if (before == "a" || before == "an" || before == "the" || before == "as" ||
          before == "other" || before == "newly" || before == "these" || before == "those" ||
          sv[k - 1].kind == TokenKind::kNumber)
        continue;
      Word after = sv[k + 1].norm;
      if (after == "terrorist" || after == "terrorists" || after == "narco" ||
          after == "narcoterrorist" || after == "narco-terrorist" ||
          after == "narco-terrorists" || after == "foreign" || after == "fto" ||
          after == "organizations" || after == "organization" || after == "groups" ||
          after == "cartels" || sv[k + 1].kind == TokenKind::kPunct)
        continue;
      // The label within a dozen words, or after an "as" that ends a long
      // object ("designated Cartel de los Soles, a group Washington says is
      // led by Maduro, as a foreign terrorist organization").
      bool as = false;
      for (size_t j = k + 2; j < sv.size() && j <= k + 30; ++j) {
        Word w = sv[j].norm;
        as |= w == "as";
        if ((j <= k + 12 || as) && (w == "terrorist" || w == "terrorists" || w == "fto" ||
                                    w == "sdgt" || w == "narco-terrorist" || w == "narcoterrorist"))
          return k;
      }
    }
    return sv.size();
  }

  Attribution FindAttribution(const SentenceData& sd, const std::vector<int>& seg) {
    const SentenceView& sv = sd.sv;
    Attribution attr;
    for (const LexMatch& m : sd.matches) {
      if (m.layer != MatchLayer::kAttribution) continue;
      const AttributionEntry& entry = res_->attribution(m.hits.front().index);
      Word kind = entry.kind;
      if (kind == "medium") {
        if (attr.medium.empty())
          attr.medium = entry.medium.empty() ? std::string(sv[m.first].text) : std::string(entry.medium);
        // "said on X", "wrote in a post": the verb in the phrase speaks too.
        std::string_view verb = sv[m.first].norm;
        if (!(verb == "said" || verb == "says" || verb == "wrote" || verb == "writes" ||
              verb == "posted" || verb == "posts" || verb == "dijo" || verb == "escribió" ||
              verb == "publicó"))
          continue;
      }
      // "officials accused of profiting", "a man charged with": a
      // participle describing someone, not a statement.
      if (Word next = sv.NormAt(static_cast<long>(m.last) + 1);
          (next == "of" || next == "with") && sv[m.last].norm.ends_with("ed"))
        continue;
      Span span{sv[m.first].begin, sv[m.last].end};
      if (kind == "according_to" || kind == "citing" || kind == "reported") {
        // The name after "according to" / "citing"; before "reported".
        int a = -1;
        if (kind == "reported") {
          for (long k = static_cast<long>(m.first) - 1; k >= 0 && k >= static_cast<long>(m.first) - 4; --k)
            if (sd.actor_at[k] >= 0) { a = sd.actor_at[k]; break; }
        }
        for (size_t k = m.last + 1; a < 0 && k < sv.size() && k <= m.last + 4; ++k)
          if (sd.actor_at[k] >= 0) a = sd.actor_at[k];
        if (a >= 0) {
          const ActorMention& am = out_->actors[a];
          if (Word(am.kind) == "outlet") {
            if (attr.outlet_cited.empty()) attr.outlet_cited = am.name;
          } else if (attr.speaker.empty()) {
            SetSpeaker(am, &attr);
          }
        }
        if (attr.span.empty()) attr.span = span;
        continue;
      }
      // say / told / anonymous: an anonymous subject ("two U.S. officials
      // said", "a Mexican navy official told Reuters") first; else the name
      // next to the verb ("Hegseth said", "said Hegseth").
      if (kind == "told") {
        for (size_t k = m.last + 1; k < sv.size() && k <= m.last + 3; ++k) {
          int o = sd.actor_at[k];
          if (o >= 0 && out_->actors[o].kind == "outlet") {
            attr.outlet_cited = out_->actors[o].name;
            break;
          }
        }
      }
      if (attr.speaker.empty() && AnonymousSpeaker(sd, seg, m.first, &attr)) {
        if (attr.span.empty()) attr.span = span;
        continue;
      }
      int a = -1;
      for (long k = static_cast<long>(m.first) - 1; k >= 0 && k >= static_cast<long>(m.first) - 3; --k) {
        if (sd.actor_at[k] >= 0) { a = sd.actor_at[k]; break; }
        // "The Pentagon chief, Pete Hegseth, said": a name set off by commas.
        if (sv[k].norm == "," && k > 0 && sd.actor_at[k - 1] >= 0 &&
            out_->actors[sd.actor_at[k - 1]].kind == "person")
          continue;
        if (sv[k].kind == TokenKind::kPunct) break;
      }
      if (a < 0 && m.last + 1 < sv.size() && sd.actor_at[m.last + 1] >= 0 &&
          out_->actors[sd.actor_at[m.last + 1]].kind != "outlet")
        a = sd.actor_at[m.last + 1];  // "said Hegseth"
      if (a >= 0) {
        const ActorMention& am = out_->actors[a];
        if (Word(am.kind) == "outlet") {
          // "CNN said", "Reuters reported": the outlet is cited.
          if (attr.outlet_cited.empty()) attr.outlet_cited = am.name;
        } else if (Word(am.kind) != "state" && attr.speaker.empty()) {
          SetSpeaker(am, &attr);
        }
      }
      if (attr.span.empty()) attr.span = span;
    }
    // A headline's "Hegseth: Two strikes kill 6 ...": the person before an
    // opening colon speaks.
    if (attr.speaker.empty() && sv.size() > 2) {
      size_t k = 0;
      int a = sd.actor_at[0];
      while (a >= 0 && k + 1 < sv.size() && sd.actor_at[k + 1] == a) ++k;
      if (a >= 0 && out_->actors[a].kind == "person" && sv[k + 1].norm == ":") {
        SetSpeaker(out_->actors[a], &attr);
        if (attr.span.empty()) attr.span = Span{sv[k + 1].begin, sv[k + 1].end};
      }
    }
    return attr;
  }

  void SetSpeaker(const ActorMention& am, Attribution* attr) {
    attr->speaker = am.name;
    attr->speaker_id = am.actor_id;
    attr->role = am.role;
  }

  // "four sources familiar with the effort told", "two current and two former
  // US officials said", "a person briefed on the matter said": the subject of
  // the verb names unnamed sources. Returns false when it does not.
  bool AnonymousSpeaker(const SentenceData& sd, const std::vector<int>& seg, size_t verb,
                        Attribution* attr) {
    const SentenceView& sv = sd.sv;
    if (verb == 0) return false;
    // The subject: back from the verb to the start of its segment.
    long start = static_cast<long>(verb) - 1;
    while (start > 0 && seg[start - 1] == seg[verb - 1] && static_cast<long>(verb) - start < 12)
      --start;
    long head = -1;
    for (long k = start; k < static_cast<long>(verb); ++k) {
      Word w = sv[k].norm;
      if (sd.actor_at[k] >= 0 && out_->actors[sd.actor_at[k]].kind == "person") return false;
      if (w == "sources" || w == "source" || w == "officials" || w == "official" ||
          w == "fuentes" || w == "funcionarios" || w == "funcionario" ||
          ((w == "person" || w == "people") &&
           (sv.NormAt(k + 1) == "familiar" || sv.NormAt(k + 1) == "briefed" ||
            sv.NormAt(k + 1) == "with" || sv.NormAt(k + 1) == "who"))) {
        head = k;
        break;
      }
      if (sv[k].kind == TokenKind::kWord && (w == "he" || w == "she" || w == "they" ||
                                             w == "it" || w == "which" || w == "who"))
        return false;
    }
    if (head < 0) return false;
    int count = 0;
    for (const Quantity& q : QuantitiesOf(sd)) {
      if (q.is_ordinal) continue;
      if (q.span.begin >= sv[start].begin && q.span.begin < sv[head].end)
        count += q.value <= kMostSources ? static_cast<int>(q.value) : 0;
    }
    if (count == 0) count = 1;  // "a person briefed on the matter"
    attr->anonymous_sources = count;
    long first = start;
    // Drop a leading conjunction or "but".
    while (first < head && (sv[first].norm == "but" || sv[first].norm == "and")) ++first;
    // "..., a move officials said would ...": "a" goes with "move", not
    // with a plural source; the speaker starts after that noun (and a
    // "that" or "which" after it).
    Word head_word = sv[head].norm;
    bool plural = head_word == "officials" || head_word == "sources" || head_word == "people" ||
                  head_word == "funcionarios" || head_word == "fuentes";
    if (plural && first + 2 <= head && sv[first + 2].norm != "of" &&
        (sv[first].norm == "a" || sv[first].norm == "an" || sv[first].norm == "un" ||
         sv[first].norm == "una")) {
      first += 2;
      while (first < head && (sv[first].norm == "that" || sv[first].norm == "which" ||
                              sv[first].norm == "que"))
        ++first;
    }
    attr->source_kind =
        std::string(doc_.text.substr(sv[first].begin, sv[verb - 1].end - sv[first].begin));
    attr->speaker = attr->source_kind;
    return true;
  }

  const Resources* res_;
  const Document& doc_;
  const Annotated& annotated_;
  Mentions* out_;
  std::optional<Ymd> published_;
  std::span<SentenceData> sents_;  // a thread's pool, or own_
  std::vector<SentenceData> own_;
  std::map<std::string, int, std::less<>> focus_;
  int next_group_ = 0;
  bool doc_has_assault_ = false;
  NounClassifier classify_ = [this](std::string_view n) { return Classify(n); };
};

}  // namespace

void Extractor::Extract(const Document& doc, const Annotated& annotated, Mentions* out) const {
  *out = Mentions();
  DocumentExtractor(resources_, doc, annotated, out).Run();
}

}  // namespace vigil
