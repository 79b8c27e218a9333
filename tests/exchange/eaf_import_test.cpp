// ELAN import keeps every annotation: each time-aligned annotation of every tier (top
// level or dependent) becomes a comment, reference annotations join the text of the
// comment they hang under, and the import says what it mapped how.
#include <gtest/gtest.h>

#include <map>

#include "exchange/eaf.hpp"
#include "exchange/text_encoding.hpp"
#include "test_util.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;

// ELAN's own shapes: a top tier, a time subdivision (words), an included-in tier, a
// symbolic subdivision and a symbolic association chained under it, unaligned slots.
const char* kEaf = R"(<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0">
 <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
 <TIME_ORDER>
  <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/>
  <TIME_SLOT TIME_SLOT_ID="ts2"/>
  <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="3000"/>
  <TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="5000"/>
  <TIME_SLOT TIME_SLOT_ID="ts5" TIME_VALUE="6000"/>
 </TIME_ORDER>
 <TIER LINGUISTIC_TYPE_REF="utt" PARTICIPANT="Ann" TIER_ID="speech">
  <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts3"><ANNOTATION_VALUE>hello there</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts4" TIME_SLOT_REF2="ts5"><ANNOTATION_VALUE></ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
 </TIER>
 <TIER LINGUISTIC_TYPE_REF="words" PARENT_REF="speech" TIER_ID="words">
  <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>hello</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a4" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3"><ANNOTATION_VALUE>there</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
 </TIER>
 <TIER LINGUISTIC_TYPE_REF="gloss" PARENT_REF="speech" TIER_ID="gloss">
  <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a5" ANNOTATION_REF="a1"><ANNOTATION_VALUE>hi</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
  <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a6" ANNOTATION_REF="a1" PREVIOUS_ANNOTATION="a5"><ANNOTATION_VALUE>you</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
  <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a7" ANNOTATION_REF="a2"><ANNOTATION_VALUE>silence</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
 </TIER>
 <TIER LINGUISTIC_TYPE_REF="pos" PARENT_REF="gloss" TIER_ID="pos">
  <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a8" ANNOTATION_REF="a5"><ANNOTATION_VALUE>INTJ</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
  <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a9" ANNOTATION_REF="nowhere"><ANNOTATION_VALUE>lost</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
 </TIER>
 <TIER LINGUISTIC_TYPE_REF="utt" TIER_ID="notes">
  <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a10" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4"><ANNOTATION_VALUE>a note</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a11" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts99"><ANNOTATION_VALUE>bad slot</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
 </TIER>
 <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="utt" TIME_ALIGNABLE="true"/>
 <LINGUISTIC_TYPE CONSTRAINTS="Time_Subdivision" LINGUISTIC_TYPE_ID="words" TIME_ALIGNABLE="true"/>
 <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Subdivision" LINGUISTIC_TYPE_ID="gloss" TIME_ALIGNABLE="false"/>
 <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" LINGUISTIC_TYPE_ID="pos" TIME_ALIGNABLE="false"/>
</ANNOTATION_DOCUMENT>
)";

const Comment* with_text_starting(const CommentSet& s, std::string_view prefix) {
  for (const auto& c : s.comments)
    if (c.text.rfind(prefix, 0) == 0) return &c;
  return nullptr;
}

TEST(Eaf_Import, EveryTimeAlignedAnnotationOfEveryTierAndEveryReference) {
  auto set = read_eaf(kEaf, "shapes.eaf");
  ASSERT_TRUE(set.ok()) << set.error().message;
  // a1 a2 a3 a4 a10 (a11's slot does not exist: reported).
  ASSERT_EQ(set->comments.size(), 5u);
  EXPECT_EQ(set->skipped, 2u);  // a11, and a9 whose parent is missing

  const Comment* a1 = with_text_starting(*set, "hello there");
  ASSERT_NE(a1, nullptr);
  EXPECT_EQ(a1->text, "hello there\ngloss: hi you\npos: INTJ");
  EXPECT_EQ(set->author_name(a1->author_id), "Ann");
  EXPECT_EQ(a1->start_us, 1'000'000);
  EXPECT_EQ(a1->end_us, 3'000'000);

  // The empty annotation keeps its segment and its dependent's words.
  const Comment* a2 = with_text_starting(*set, "gloss: silence");
  ASSERT_NE(a2, nullptr);
  EXPECT_EQ(a2->start_us, 5'000'000);

  // The time subdivision: the unaligned boundary ts2 lies between 1 s and 3 s.
  const Comment* hello = with_text_starting(*set, "hello");
  const Comment* there = with_text_starting(*set, "there");
  ASSERT_NE(there, nullptr);
  EXPECT_EQ(there->start_us, 2'000'000);
  EXPECT_EQ(there->end_us, 3'000'000);
  EXPECT_EQ(set->author_name(there->author_id), "words");
  (void)hello;

  const Comment* note = with_text_starting(*set, "a note");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(set->author_name(note->author_id), "notes");

  // The mapping names every tier and what became of it.
  std::string mapping;
  for (const auto& m : set->mapping) mapping += m + "\n";
  for (const char* needle : {"tier 'speech' (participant 'Ann'): 2 time-aligned annotations -> comments by 'Ann'",
                             "tier 'words' (Time_Subdivision of 'speech'): 2 time-aligned", "tier 'gloss'",
                             "3 reference annotations", "tier 'pos'", "tier 'notes'"})
    EXPECT_NE(mapping.find(needle), std::string::npos) << needle << "\n" << mapping;

  auto tags = read_eaf(kEaf, "shapes.eaf", EafTiers::Tags);
  ASSERT_TRUE(tags.ok());
  ASSERT_EQ(tags->comments.size(), 5u);
  for (const auto& c : tags->comments) {
    ASSERT_EQ(c.tags.size(), 1u);
    EXPECT_EQ(c.author_id, 0);
  }
}

TEST(Eaf_Import, BrokenUtf8InNamesAndTextIsRepairedAndReported) {
  std::string eaf = kEaf;
  eaf.replace(eaf.find("PARTICIPANT=\"Ann\""), 17, "PARTICIPANT=\"A\xFFn\"");
  eaf.replace(eaf.find("a note"), 6, "a n\xC3te");
  auto set = read_eaf(eaf, "utf.eaf");
  ASSERT_TRUE(set.ok()) << set.error().message;
  for (const auto& [id, name] : set->authors) EXPECT_TRUE(is_valid_utf8(name)) << name;
  for (const auto& c : set->comments) EXPECT_TRUE(is_valid_utf8(c.text)) << c.text;
  bool warned = false;
  for (const auto& w : set->warnings) warned |= w.find("U+FFFD") != std::string::npos;
  EXPECT_TRUE(warned);
}

// Counts <ALIGNABLE_ANNOTATION in a file: what the import must turn into comments.
std::size_t count_of(const std::string& text, std::string_view tag) {
  std::size_t n = 0;
  for (std::size_t p = text.find(tag); p != std::string::npos; p = text.find(tag, p + 1)) ++n;
  return n;
}

TEST(Eaf_Corpus, EveryAnnotationOfEveryRealFileIsImported) {
  TRIAD_REQUIRE_CORPUS("formats/eaf");
  fs::path dir = test::corpus_dir() / "formats/eaf";
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".eaf") continue;
    ++files;
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    const std::string bytes = test::slurp(entry.path());
    const std::size_t aligned = count_of(bytes, "<ALIGNABLE_ANNOTATION "), refs = count_of(bytes, "<REF_ANNOTATION ");
    for (EafTiers mode : {EafTiers::Reviewers, EafTiers::Tags}) {
      auto set = read_eaf(bytes, name, mode);
      ASSERT_TRUE(set.ok()) << set.error().message;
      EXPECT_EQ(set->comments.size(), aligned);
      EXPECT_EQ(set->skipped, 0u) << (set->warnings.empty() ? "" : set->warnings.back());
      for (const auto& c : set->comments) {
        EXPECT_GE(c.start_us, 0);
        EXPECT_FALSE(c.text.empty());
      }
      // Every non-empty reference annotation is a "tier: ..." line of some comment's text.
      std::size_t ref_lines = 0;
      for (const auto& c : set->comments) ref_lines += count_of(c.text, "\n");
      if (refs) {
        EXPECT_GT(ref_lines, 0u);
      }
      if (aligned) {
        EXPECT_FALSE(set->mapping.empty());
      }
    }
  }
  EXPECT_GE(files, 5u);
  // The two files earlier imports lost most of: all 23 and all 292 now.
  auto speach = read_eaf(test::slurp(dir / "speach__test.eaf"), "speach__test.eaf");
  ASSERT_TRUE(speach.ok());
  EXPECT_EQ(speach->comments.size(), 23u);
  auto child = read_eaf(test::slurp(dir / "ChildProject__eaf.eaf"), "ChildProject__eaf.eaf");
  ASSERT_TRUE(child.ok());
  EXPECT_EQ(child->comments.size(), 292u);
}

}  // namespace
}  // namespace triad::exchange
