#include "exchange/eaf.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <map>
#include <set>
#include <sstream>

#include <pugixml.hpp>

#include "base/uuid.hpp"
#include "base/wide_int.hpp"
#include "exchange/text_encoding.hpp"

namespace triad::exchange {
namespace {

constexpr const char* kCommentType = "triad-comment";
constexpr const char* kKindType = "triad-kind";
constexpr const char* kTagsType = "triad-tags";

std::string mime_for(std::string_view url) {
  auto dot = url.rfind('.');
  std::string ext = dot == std::string_view::npos ? "" : std::string(url.substr(dot + 1));
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "mp4" || ext == "m4v") return "video/mp4";
  if (ext == "mov") return "video/quicktime";
  if (ext == "webm") return "video/webm";
  if (ext == "mkv") return "video/x-matroska";
  if (ext == "wav") return "audio/x-wav";
  if (ext == "mp3") return "audio/mpeg";
  return "video/*";
}

std::string slug(std::string_view s) {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out += static_cast<char>(std::tolower(u));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "tier" : out;
}

}  // namespace

std::string relative_media_url(std::string_view name) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out;
}

std::string write_eaf(const CommentSet& set, std::string_view date) {
  std::vector<Comment> comments = set.comments;
  sort_for_export(comments);

  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto root = doc.append_child("ANNOTATION_DOCUMENT");
  root.append_attribute("AUTHOR") = "Triad";
  root.append_attribute("DATE") = std::string(date).c_str();
  root.append_attribute("FORMAT") = "3.0";
  root.append_attribute("VERSION") = "3.0";
  root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  root.append_attribute("xsi:noNamespaceSchemaLocation") = "http://www.mpi.nl/tools/elan/EAFv3.0.xsd";
  auto header = root.append_child("HEADER");
  header.append_attribute("MEDIA_FILE") = "";
  header.append_attribute("TIME_UNITS") = "milliseconds";
  if (!set.media_url.empty()) {
    auto md = header.append_child("MEDIA_DESCRIPTOR");
    std::string url = relative_media_url(set.media_url);
    md.append_attribute("MEDIA_URL") = url.c_str();
    md.append_attribute("MIME_TYPE") = mime_for(set.media_url).c_str();
    md.append_attribute("RELATIVE_MEDIA_URL") = ("./" + url).c_str();
  }
  auto prop = header.append_child("PROPERTY");
  prop.append_attribute("NAME") = "lastUsedAnnotationId";
  prop.text() = "0";  // our ids are "a_<uuid>", so ELAN's numbered ids never collide

  // Time slots: one per distinct millisecond value, numbered in time order.
  std::set<std::int64_t> values;
  for (const Comment& c : comments) {
    values.insert(c.start_us / 1000);
    values.insert(c.end_us.value_or(c.start_us) / 1000);
  }
  std::map<std::int64_t, std::string> slot;
  auto order = root.append_child("TIME_ORDER");
  int n = 0;
  for (std::int64_t v : values) {
    std::string id = "ts" + std::to_string(++n);
    slot[v] = id;
    auto ts = order.append_child("TIME_SLOT");
    ts.append_attribute("TIME_SLOT_ID") = id.c_str();
    ts.append_attribute("TIME_VALUE") = static_cast<unsigned long long>(std::max<std::int64_t>(v, 0));
  }

  // Reviewers in order of first name, so the file is deterministic.
  std::map<std::string, std::vector<const Comment*>> by_author;
  for (const Comment& c : comments) {
    std::string name = set.author_name(c.author_id);
    by_author[name.empty() ? "Unknown" : name].push_back(&c);
  }
  for (const auto& [name, list] : by_author) {
    auto tier = root.append_child("TIER");
    tier.append_attribute("LINGUISTIC_TYPE_REF") = kCommentType;
    tier.append_attribute("PARTICIPANT") = name.c_str();
    tier.append_attribute("TIER_ID") = name.c_str();
    for (const Comment* c : list) {
      auto aa = tier.append_child("ANNOTATION").append_child("ALIGNABLE_ANNOTATION");
      aa.append_attribute("ANNOTATION_ID") = ("a_" + c->uuid).c_str();
      aa.append_attribute("TIME_SLOT_REF1") = slot[c->start_us / 1000].c_str();
      aa.append_attribute("TIME_SLOT_REF2") = slot[c->end_us.value_or(c->start_us) / 1000].c_str();
      aa.append_child("ANNOTATION_VALUE").text() = c->text.c_str();
    }
    for (const char* which : {"kind", "tags"}) {
      bool kind = std::string_view(which) == "kind";
      auto dep = root.append_child("TIER");
      dep.append_attribute("LINGUISTIC_TYPE_REF") = kind ? kKindType : kTagsType;
      dep.append_attribute("PARENT_REF") = name.c_str();
      dep.append_attribute("PARTICIPANT") = name.c_str();
      dep.append_attribute("TIER_ID") = (name + " - " + which).c_str();
      for (const Comment* c : list) {
        std::string value;
        if (kind) {
          value = c->kind;
        } else {
          for (const auto& t : c->tags) value += (value.empty() ? "" : " ") + t;
        }
        if (value.empty()) continue;
        auto ra = dep.append_child("ANNOTATION").append_child("REF_ANNOTATION");
        ra.append_attribute("ANNOTATION_ID") = ((kind ? "k_" : "t_") + c->uuid).c_str();
        ra.append_attribute("ANNOTATION_REF") = ("a_" + c->uuid).c_str();
        ra.append_child("ANNOTATION_VALUE").text() = value.c_str();
      }
    }
  }
  auto lt = root.append_child("LINGUISTIC_TYPE");
  lt.append_attribute("GRAPHIC_REFERENCES") = "false";
  lt.append_attribute("LINGUISTIC_TYPE_ID") = kCommentType;
  lt.append_attribute("TIME_ALIGNABLE") = "true";
  for (const char* t : {kKindType, kTagsType}) {
    auto l = root.append_child("LINGUISTIC_TYPE");
    l.append_attribute("CONSTRAINTS") = "Symbolic_Association";
    l.append_attribute("GRAPHIC_REFERENCES") = "false";
    l.append_attribute("LINGUISTIC_TYPE_ID") = t;
    l.append_attribute("TIME_ALIGNABLE") = "false";
  }
  auto con = root.append_child("CONSTRAINT");
  con.append_attribute("DESCRIPTION") =
      "1-1 association with a parent annotation";
  con.append_attribute("STEREOTYPE") = "Symbolic_Association";

  std::ostringstream os;
  doc.save(os, "  ", pugi::format_default, pugi::encoding_utf8);
  return os.str();
}

namespace {

// A millisecond TIME_VALUE: digits only, at most ~100 years (so microseconds never overflow).
std::optional<std::int64_t> parse_ms(std::string_view v) {
  constexpr std::int64_t kMaxMs = 100LL * 365 * 24 * 3600 * 1000;
  std::int64_t ms = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), ms);
  if (ec != std::errc() || p != v.data() + v.size() || ms < 0 || ms > kMaxMs) return std::nullopt;
  return ms;
}

struct Slot {
  std::optional<std::int64_t> ms;  // after interpolation; nullopt: unusable (bad value)
  bool aligned = false;
  bool bad = false;
};

// Slots in document order (ELAN writes TIME_ORDER sorted by time). Unaligned slots are
// placed evenly between the aligned slots around them, as ELAN spreads the unaligned
// boundaries of a subdivision; before the first aligned slot they take it, after the last
// they take the last.
std::map<std::string, Slot> read_slots(pugi::xml_node order, std::size_t& unaligned, std::size_t& bad) {
  std::vector<std::pair<std::string, Slot>> list;
  for (auto ts : order.children("TIME_SLOT")) {
    Slot s;
    if (auto v = ts.attribute("TIME_VALUE")) {
      s.ms = parse_ms(v.value());
      s.aligned = s.ms.has_value();
      s.bad = !s.ms;
      bad += s.bad;
    } else {
      ++unaligned;
    }
    list.emplace_back(ts.attribute("TIME_SLOT_ID").as_string(), s);
  }
  std::optional<std::size_t> prev;
  for (std::size_t i = 0; i <= list.size(); ++i) {
    if (i < list.size() && !list[i].second.aligned) continue;
    // Fill the run (prev, i) of unaligned slots.
    std::size_t from = prev ? *prev + 1 : 0;
    for (std::size_t k = from; k < i; ++k) {
      if (list[k].second.bad) continue;
      std::optional<std::int64_t> a = prev ? list[*prev].second.ms : std::nullopt;
      std::optional<std::int64_t> b = i < list.size() ? list[i].second.ms : std::nullopt;
      if (a && b && *b >= *a)
        list[k].second.ms = *a + static_cast<std::int64_t>(static_cast<Int128>(*b - *a) * (k - *prev) /
                                                           static_cast<Int128>(i - *prev));
      else
        list[k].second.ms = a ? a : b ? b : std::optional<std::int64_t>(0);
    }
    prev = i;
  }
  std::map<std::string, Slot> out;
  for (auto& [id, s] : list) out.emplace(std::move(id), s);
  return out;
}

struct TierInfo {
  pugi::xml_node node;
  std::string id, participant, parent, type;
  std::size_t aligned = 0, refs = 0, empty = 0;
};

std::string clean(std::string_view s, std::size_t& repaired) {
  std::size_t n = 0;
  std::string out = repair_utf8(s, &n);
  repaired += n;
  return out;
}

}  // namespace

Result<CommentSet> read_eaf(std::string_view bytes, const std::string& source, EafTiers mode) {
  pugi::xml_document doc;
  auto res = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_auto);
  if (!res)
    return make_error("'" + source + "' is not well-formed XML: " + res.description() + " at byte " +
                      std::to_string(res.offset));
  auto root = doc.child("ANNOTATION_DOCUMENT");
  if (!root) return make_error("'" + source + "' is not an ELAN file (no ANNOTATION_DOCUMENT)");
  std::string units = root.child("HEADER").attribute("TIME_UNITS").as_string("milliseconds");
  if (units != "milliseconds")
    return make_error("'" + source + "' uses time units '" + units + "'; only milliseconds are supported");

  std::size_t repaired = 0;
  CommentSet set;
  if (auto md = root.child("HEADER").child("MEDIA_DESCRIPTOR"))
    set.media_url = clean(md.attribute("RELATIVE_MEDIA_URL").as_string(md.attribute("MEDIA_URL").as_string()), repaired);
  std::size_t unaligned = 0, bad_slots = 0;
  const std::map<std::string, Slot> slots = read_slots(root.child("TIME_ORDER"), unaligned, bad_slots);
  std::map<std::string, std::string> constraint_of;  // linguistic type -> its CONSTRAINTS
  for (auto lt : root.children("LINGUISTIC_TYPE"))
    constraint_of[lt.attribute("LINGUISTIC_TYPE_ID").as_string()] = lt.attribute("CONSTRAINTS").as_string();

  std::vector<TierInfo> tiers;
  std::vector<std::string> skipped;
  std::map<std::string, std::size_t> comment_of;  // alignable annotation id -> index in set.comments
  std::map<std::string, std::string> ref_target;  // reference annotation id -> the annotation it refers to
  std::set<std::string> uuids;
  std::map<std::string, std::string> kind_of, tags_of;  // Triad's own tiers, by parent annotation id
  // Pass 1: every time-aligned annotation of every tier becomes a comment.
  for (auto tier : root.children("TIER")) {
    TierInfo info;
    info.node = tier;
    info.id = clean(tier.attribute("TIER_ID").as_string(), repaired);
    info.participant = clean(tier.attribute("PARTICIPANT").as_string(), repaired);
    info.parent = clean(tier.attribute("PARENT_REF").as_string(), repaired);
    info.type = tier.attribute("LINGUISTIC_TYPE_REF").as_string();
    const bool triad_tier = info.type == kKindType || info.type == kTagsType;
    const std::string author = info.participant.empty() ? info.id : info.participant;
    for (auto ann : tier.children("ANNOTATION")) {
      if (auto ra = ann.child("REF_ANNOTATION")) {
        std::string id = ra.attribute("ANNOTATION_ID").as_string(), to = ra.attribute("ANNOTATION_REF").as_string();
        if (triad_tier) {
          (info.type == kKindType ? kind_of : tags_of)[to] = clean(ra.child_value("ANNOTATION_VALUE"), repaired);
          continue;
        }
        if (!id.empty()) ref_target.emplace(id, to);
        continue;  // attached to its parent in pass 2
      }
      auto aa = ann.child("ALIGNABLE_ANNOTATION");
      if (!aa) continue;
      ++info.aligned;
      std::string ann_id = aa.attribute("ANNOTATION_ID").as_string();
      std::string r1 = aa.attribute("TIME_SLOT_REF1").as_string(), r2 = aa.attribute("TIME_SLOT_REF2").as_string();
      auto s1 = slots.find(r1), s2 = slots.find(r2);
      const std::string what = "annotation '" + clean(ann_id, repaired) + "' on tier '" + info.id + "'";
      if (s1 == slots.end() || s2 == slots.end()) {
        skipped.push_back(what + " (it refers to a time slot that does not exist)");
        continue;
      }
      if (!s1->second.ms || !s2->second.ms) {
        skipped.push_back(what + " (its time slot has an unreadable TIME_VALUE)");
        continue;
      }
      if (*s2->second.ms < *s1->second.ms) {
        skipped.push_back(what + " (it ends before it starts)");
        continue;
      }
      Comment c;
      c.uuid = (ann_id.rfind("a_", 0) == 0 && is_uuid(ann_id.substr(2))) ? ann_id.substr(2) : new_uuid();
      if (!uuids.insert(c.uuid).second) c.uuid = new_uuid();  // a repeated id must not merge two annotations
      c.start_us = *s1->second.ms * 1000;
      if (*s2->second.ms > *s1->second.ms) c.end_us = *s2->second.ms * 1000;
      c.text = clean(aa.child_value("ANNOTATION_VALUE"), repaired);
      if (mode == EafTiers::Reviewers)
        c.author_id = set.author_id(author);
      else
        c.tags.push_back(slug(info.id));
      if (!ann_id.empty()) comment_of.emplace(ann_id, set.comments.size());
      set.comments.push_back(std::move(c));
    }
    tiers.push_back(std::move(info));
  }
  // Pass 2: reference annotations (symbolic dependent tiers) join the comment of the
  // time-aligned annotation they hang under, as lines "tier: value" of its text; a
  // subdivision's several values on one tier share one line.
  std::map<std::size_t, std::vector<std::pair<std::string, std::string>>> lines_of;  // comment -> (tier, text)
  for (auto& info : tiers) {
    if (info.type == kKindType || info.type == kTagsType) continue;
    for (auto ann : info.node.children("ANNOTATION")) {
      auto ra = ann.child("REF_ANNOTATION");
      if (!ra) continue;
      ++info.refs;
      std::string id = ra.attribute("ANNOTATION_ID").as_string();
      std::string at = ra.attribute("ANNOTATION_REF").as_string();
      // Follow references down to a time-aligned annotation (bounded: a cycle ends it).
      for (int depth = 0; depth < 64 && !comment_of.count(at); ++depth) {
        auto next = ref_target.find(at);
        if (next == ref_target.end()) break;
        at = next->second;
      }
      auto target = comment_of.find(at);
      if (target == comment_of.end()) {
        skipped.push_back("reference annotation '" + clean(id, repaired) + "' on tier '" + info.id +
                          "' (its parent annotation is not in the file)");
        continue;
      }
      std::string value = clean(ra.child_value("ANNOTATION_VALUE"), repaired);
      if (value.empty()) {
        ++info.empty;
        continue;
      }
      auto& lines = lines_of[target->second];
      if (!lines.empty() && lines.back().first == info.id)
        lines.back().second += " " + value;
      else
        lines.emplace_back(info.id, value);
    }
  }
  std::size_t placeholder = 0;
  for (auto& [ann_id, index] : comment_of) {
    Comment& c = set.comments[index];
    if (auto k = kind_of.find(ann_id); k != kind_of.end() && !k->second.empty()) c.kind = k->second;
    if (auto t = tags_of.find(ann_id); t != tags_of.end()) {
      std::istringstream is(t->second);
      for (std::string tag; is >> tag;) c.tags.push_back(tag);
    }
  }
  for (std::size_t i = 0; i < set.comments.size(); ++i) {
    Comment& c = set.comments[i];
    if (auto l = lines_of.find(i); l != lines_of.end())
      for (const auto& [tier, value] : l->second) c.text += (c.text.empty() ? "" : "\n") + tier + ": " + value;
    if (c.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      c.text = "(empty annotation)";  // a comment needs words; the segment itself is what the annotator marked
      ++placeholder;
    }
  }

  // What went where, for the import to print.
  for (const auto& t : tiers) {
    if (t.type == kKindType || t.type == kTagsType) {
      set.mapping.push_back("tier '" + t.id + "': Triad's " + (t.type == kKindType ? "kinds" : "tags") +
                            " of the comments of tier '" + t.parent + "'");
      continue;
    }
    std::string line = "tier '" + t.id + "'";
    std::string constraint = constraint_of.count(t.type) ? constraint_of[t.type] : "";
    if (!t.parent.empty()) line += " (" + (constraint.empty() ? std::string("dependent") : constraint) + " of '" + t.parent + "')";
    if (!t.participant.empty()) line += " (participant '" + t.participant + "')";
    line += ":";
    if (t.aligned)
      line += " " + std::to_string(t.aligned) + " time-aligned annotations -> comments " +
              (mode == EafTiers::Reviewers ? "by '" + (t.participant.empty() ? t.id : t.participant) + "'"
                                           : "tagged '" + slug(t.id) + "'");
    if (t.refs)
      line += std::string(t.aligned ? ";" : "") + " " + std::to_string(t.refs) +
              " reference annotations -> lines \"" + t.id + ": ...\" in the text of the comment they belong to" +
              (t.empty ? " (" + std::to_string(t.empty) + " empty ones left out)" : "");
    if (!t.aligned && !t.refs) line += " no annotations";
    set.mapping.push_back(line);
  }
  if (placeholder)
    set.mapping.push_back(std::to_string(placeholder) +
                          " time-aligned annotations have no text; their comments read \"(empty annotation)\"");
  if (unaligned)
    set.warnings.push_back("'" + source + "': " + std::to_string(unaligned) +
                           " time slots are unaligned; annotations using them take times spread evenly between "
                           "the aligned slots around them");
  if (repaired)
    set.warnings.push_back("'" + source + "': " + std::to_string(repaired) +
                           " broken UTF-8 sequences in its text were replaced with U+FFFD");
  report_skipped(set, source, "annotations", skipped);
  return set;
}

}  // namespace triad::exchange
