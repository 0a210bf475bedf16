#include "storage/search_query.h"

#include <gtest/gtest.h>

namespace confab::storage {
namespace {

std::string queryFor(const char* typed)
{
    return ftsQueryFor(QString::fromUtf8(typed)).value_or(QStringLiteral("<none>")).toStdString();
}

TEST(SearchQuery, EveryWordIsAQuotedPrefix)
{
    EXPECT_EQ(queryFor("hello"), "\"hello\"*");
    EXPECT_EQ(queryFor("  hel \t wor\n"), "\"hel\"* \"wor\"*");
}

TEST(SearchQuery, QueryLanguageInTheTextIsSearchedForNotObeyed)
{
    // Unquoted, these would be FTS5 operators, a column filter or a syntax error.
    EXPECT_EQ(queryFor("cats OR dogs"), "\"cats\"* \"OR\"* \"dogs\"*");
    EXPECT_EQ(queryFor("body:x NEAR(a b)"), "\"body:x\"* \"NEAR(a\"* \"b)\"*");
    EXPECT_EQ(queryFor("say \"hi\""), "\"say\"* \"\"\"hi\"\"\"*");
}

TEST(SearchQuery, WordsWithoutLettersOrDigitsAreLeftOut)
{
    EXPECT_EQ(queryFor("hello !!! -- world"), "\"hello\"* \"world\"*");
    EXPECT_EQ(queryFor("42"), "\"42\"*");
    EXPECT_EQ(queryFor("ünïcödé 日本"), "\"ünïcödé\"* \"日本\"*");
    EXPECT_FALSE(ftsQueryFor(QStringLiteral("  ?! ** ")));
    EXPECT_FALSE(ftsQueryFor(QString()));
}

} // namespace
} // namespace confab::storage
