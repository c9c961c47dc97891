// A flag name used in the code must be declared in the command table: a typo
// such as Has("fail-on-protectd") would otherwise be silently false.
// Two guards: ParsedArgs aborts on an undeclared name at run time (death
// test), and this test reads tools/etldag/*.cc and checks every literal flag
// name looked up there (Has/Get/GetAll/GetUint("...")) against the commands
// the file defines (or, in shared files, against at least one command), so a
// typo on a path no other test runs fails too.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tools/etldag/commands.h"
#include "tools/etldag/flags.h"

namespace etldag::cli {
namespace {

bool Declares(const CommandSpec& c, std::string_view flag) {
  for (const FlagSpec& f : DeclaredFlags(c)) {
    if (f.name == flag) return true;
  }
  return false;
}

TEST(FlagNames, EveryLiteralLookupIsDeclared) {
  const std::filesystem::path dir = std::filesystem::path(ETLDAG_SOURCE_DIR_PATH) / "tools/etldag";
  const std::regex lookup(R"re(\b(?:Has|Get|GetAll|GetUint|Spec)\("([a-z0-9-]+)")re");
  const std::regex command_name(R"re(\.name = "([a-z0-9-]+)",\s*\n\s*\.aliases)re");
  size_t files = 0, lookups = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".cc") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    ++files;
    std::vector<const CommandSpec*> defined;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), command_name);
         it != std::sregex_iterator(); ++it) {
      const CommandSpec* c = FindCommand((*it)[1].str());
      ASSERT_NE(c, nullptr) << entry.path() << " defines " << (*it)[1] << ", not in the table";
      defined.push_back(c);
    }
    for (auto it = std::sregex_iterator(text.begin(), text.end(), lookup);
         it != std::sregex_iterator(); ++it) {
      const std::string flag = (*it)[1].str();
      ++lookups;
      if (!defined.empty()) {
        for (const CommandSpec* c : defined) {
          EXPECT_TRUE(Declares(*c, flag)) << entry.path().filename() << ": --" << flag
                                          << " is not declared by " << c->name;
        }
      } else {
        bool any = false;
        for (const CommandSpec* c : Commands()) any |= Declares(*c, flag);
        EXPECT_TRUE(any) << entry.path().filename() << ": --" << flag << " is declared by no command";
      }
    }
  }
  EXPECT_GT(files, 10u);
  EXPECT_GT(lookups, 20u);
}

TEST(FlagNamesDeathTest, UndeclaredLookupAborts) {
  const FlagSpec flags[] = {{.name = "fail-on-protected", .value_name = "", .help = "x"}};
  const std::string_view args[] = {"--fail-on-protected"};
  const absl::StatusOr<ParsedArgs> parsed = ParseFlags(flags, args);
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->Has("fail-on-protected"));
  EXPECT_DEATH((void)parsed->Has("fail-on-protectd"), "flag --fail-on-protectd is used but not declared");
  EXPECT_DEATH((void)parsed->Get("nope"), "--nope");
  EXPECT_DEATH((void)parsed->GetAll("nope"), "--nope");
  EXPECT_DEATH((void)parsed->GetUint("nope"), "--nope");
}

}  // namespace
}  // namespace etldag::cli
