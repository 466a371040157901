// Gambit's strategic-game format (.nfg), both the payoff form (one payoff per
// player per profile, first player's strategy fastest) and the outcome form
// (a list of named outcomes, then one outcome number per profile, 0 = all
// payoffs zero). See Gambit's "Game representation formats" documentation.
#include <fmt/format.h>

#include "games/io/gambit_lexer.hpp"
#include "games/rational_text.hpp"
#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/utf8.hpp"
#include "pivot/games/game.hpp"
#include "pivot/games/io/nfg.hpp"

namespace pivot {

using games::rational_text;

namespace {

using games::parse_prologue;
using games::quoted;
using games::Token;
using games::TokenCursor;
using games::write_prologue;

class NfgParser {
 public:
  NfgParser(std::string_view text, const std::string& file) : in_(text, file) {}

  StrategicGame parse() {
    StrategicGame game;
    auto [title, players] = parse_prologue(in_, "NFG", "1");
    game.title = std::move(title);
    game.players = std::move(players);
    parse_strategies(game);
    if (in_.token().kind == Token::text) game.comment = in_.expect_text("a comment");
    // Profiles are appended as their payoffs are read, not allocated from the declared
    // sizes first: a short file that declares 100000 x 23 strategies then fails at its
    // first missing number instead of building 2.3 million empty profiles (a fuzz timeout).
    if (in_.token().kind == Token::open)
      parse_outcome_form(game);
    else
      parse_payoff_form(game);
    if (in_.token().kind != Token::end)
      in_.fail_here(fmt::format("expected the end of the file, found {}", in_.describe()));
    return game;
  }

 private:
  void parse_strategies(StrategicGame& game) {
    in_.expect(Token::open, "'{' opening the strategies");
    for (std::size_t p = 0; p < game.num_players(); ++p) {
      const Token at = in_.token();
      std::vector<std::string> labels;
      if (at.kind == Token::open) {
        in_.take();
        while (in_.token().kind == Token::text) labels.push_back(in_.expect_text("a strategy name"));
        in_.expect(Token::close, "a quoted strategy name or '}'");
      } else {
        const std::size_t count = in_.expect_count(fmt::format("the number of strategies of player {}", p + 1), 100000);
        for (std::size_t s = 0; s < count; ++s) labels.push_back(std::to_string(s + 1));
      }
      if (labels.empty()) in_.fail(at, fmt::format("player {} needs at least one strategy", p + 1));
      game.strategies.push_back(std::move(labels));
    }
    in_.expect(Token::close, fmt::format("'}}' closing the strategies of {} players", game.num_players()));
    double profiles = 1;
    for (const auto& s : game.strategies) profiles *= static_cast<double>(s.size());
    if (profiles > 5e7)
      in_.fail_here(fmt::format("the game has {:.0f} pure profiles; at most 50000000 supported", profiles));
  }

  void parse_payoff_form(StrategicGame& game) {
    const std::size_t profiles = game.num_profiles(), players = game.num_players();
    for (std::size_t k = 0; k < profiles; ++k) {
      std::vector<Rational> profile(players);
      for (std::size_t p = 0; p < players; ++p)
        profile[p] = in_.expect_number(
            fmt::format("a payoff ({} payoffs expected, one per player per profile)", profiles * players));
      game.payoffs.push_back(std::move(profile));
    }
  }

  void parse_outcome_form(StrategicGame& game) {
    in_.take();  // '{'
    std::vector<std::vector<Rational>> outcomes;
    while (in_.token().kind == Token::open) {
      in_.take();
      in_.expect_text("the outcome's name");
      std::vector<Rational> payoffs;
      for (std::size_t p = 0; p < game.num_players(); ++p)
        payoffs.push_back(
            in_.expect_number(fmt::format("player {}'s payoff in outcome {}", p + 1, outcomes.size() + 1)));
      in_.expect(Token::close,
                 fmt::format("'}}' closing outcome {} after {} payoffs", outcomes.size() + 1, game.num_players()));
      outcomes.push_back(std::move(payoffs));
    }
    in_.expect(Token::close, "'{' opening an outcome or '}' closing the outcomes");
    const std::vector<Rational> no_outcome(game.num_players(), 0);
    for (std::size_t i = 0, profiles = game.num_profiles(); i < profiles; ++i) {
      const std::size_t k = in_.expect_count(
          fmt::format("an outcome number ({} expected, one per profile)", game.num_profiles()), outcomes.size());
      game.payoffs.push_back(k > 0 ? outcomes[k - 1] : no_outcome);
    }
  }

  TokenCursor in_;
};

}  // namespace

StrategicGame parse_nfg(std::string_view text, const std::string& file) {
  check_utf8(text, file);  // labels are written back into JSON and the report
  return NfgParser(text, file).parse();
}

StrategicGame read_nfg_file(const std::filesystem::path& path) {
  return parse_nfg(read_text_file(path), path.string());
}

std::string write_nfg(const StrategicGame& game) {
  std::string out = write_prologue("NFG 1 R", game.title, game.players);
  out += "\n{ ";
  for (const auto& labels : game.strategies) {
    out += "{";
    for (const auto& s : labels) out += " " + quoted(s);
    out += " }\n";
  }
  out += "}\n" + quoted(game.comment) + "\n\n";
  for (const auto& profile : game.payoffs) {
    for (const auto& v : profile) out += rational_text(v) + " ";
    out += "\n";
  }
  return out;
}

}  // namespace pivot
