#include "exchange/eaf.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <sstream>

#include <pugixml.hpp>

#include "base/uuid.hpp"
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

  CommentSet set;
  if (auto md = root.child("HEADER").child("MEDIA_DESCRIPTOR")) {
    set.media_url = md.attribute("RELATIVE_MEDIA_URL").as_string(md.attribute("MEDIA_URL").as_string());
  }
  // Slots in document order; unaligned ones get the previous aligned value.
  std::map<std::string, std::int64_t> slot_ms;
  std::set<std::string> unaligned;
  {
    std::int64_t last = 0;
    for (auto ts : root.child("TIME_ORDER").children("TIME_SLOT")) {
      std::string id = ts.attribute("TIME_SLOT_ID").as_string();
      if (auto v = ts.attribute("TIME_VALUE")) {
        last = v.as_llong();
        slot_ms[id] = last;
      } else {
        slot_ms[id] = last;
        unaligned.insert(id);
      }
    }
  }
  std::map<std::string, std::string> kind_of, tags_of;  // by parent annotation id
  std::size_t ignored_dependent = 0, skipped_unaligned = 0;
  for (auto tier : root.children("TIER")) {
    std::string type = tier.attribute("LINGUISTIC_TYPE_REF").as_string();
    if (type == kKindType || type == kTagsType) {
      for (auto ann : tier.children("ANNOTATION")) {
        auto ra = ann.child("REF_ANNOTATION");
        if (!ra) continue;
        (type == kKindType ? kind_of : tags_of)[ra.attribute("ANNOTATION_REF").as_string()] =
            ra.child_value("ANNOTATION_VALUE");
      }
    }
  }
  for (auto tier : root.children("TIER")) {
    std::string type = tier.attribute("LINGUISTIC_TYPE_REF").as_string();
    if (type == kKindType || type == kTagsType) continue;
    std::string tier_id = tier.attribute("TIER_ID").as_string();
    bool dependent = !std::string_view(tier.attribute("PARENT_REF").as_string()).empty();
    if (dependent && mode == EafTiers::Reviewers) {
      if (tier.child("ANNOTATION")) ++ignored_dependent;
      continue;
    }
    std::string participant = tier.attribute("PARTICIPANT").as_string();
    for (auto ann : tier.children("ANNOTATION")) {
      auto aa = ann.child("ALIGNABLE_ANNOTATION");
      if (!aa) continue;
      std::string r1 = aa.attribute("TIME_SLOT_REF1").as_string(), r2 = aa.attribute("TIME_SLOT_REF2").as_string();
      auto s1 = slot_ms.find(r1), s2 = slot_ms.find(r2);
      if (s1 == slot_ms.end() || s2 == slot_ms.end())
        return make_error("'" + source + "' annotation '" + aa.attribute("ANNOTATION_ID").as_string() +
                          "' refers to a time slot that does not exist");
      if (unaligned.count(r1) || unaligned.count(r2)) ++skipped_unaligned;
      Comment c;
      std::string ann_id = aa.attribute("ANNOTATION_ID").as_string();
      c.uuid = (ann_id.rfind("a_", 0) == 0 && is_uuid(ann_id.substr(2))) ? ann_id.substr(2) : new_uuid();
      c.start_us = s1->second * 1000;
      if (s2->second > s1->second) c.end_us = s2->second * 1000;
      c.text = aa.child_value("ANNOTATION_VALUE");
      if (!is_valid_utf8(c.text)) return make_error("'" + source + "' contains text that is not valid UTF-8");
      if (auto k = kind_of.find(ann_id); k != kind_of.end() && !k->second.empty()) c.kind = k->second;
      if (auto t = tags_of.find(ann_id); t != tags_of.end()) {
        std::istringstream is(t->second);
        for (std::string tag; is >> tag;) c.tags.push_back(tag);
      }
      if (mode == EafTiers::Reviewers)
        c.author_id = set.author_id(participant.empty() ? tier_id : participant);
      else
        c.tags.push_back(slug(tier_id));
      set.comments.push_back(std::move(c));
    }
  }
  if (skipped_unaligned)
    set.warnings.push_back(std::to_string(skipped_unaligned) +
                           " annotations use unaligned time slots; they take the previous aligned time");
  if (ignored_dependent)
    set.warnings.push_back(std::to_string(ignored_dependent) + " dependent tiers were not imported");
  return set;
}

}  // namespace triad::exchange
