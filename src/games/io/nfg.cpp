// Gambit's strategic-game format (.nfg), both the payoff form (one payoff per
// player per profile, first player's strategy fastest) and the outcome form
// (a list of named outcomes, then one outcome number per profile, 0 = all
// payoffs zero). See Gambit's "Game representation formats" documentation.
#include <fmt/format.h>

#include <cctype>
#include <optional>

#include "games/io/gambit_lexer.hpp"
#include "games/rational_text.hpp"
#include "pivot/csv.hpp"
#include "pivot/error.hpp"
#include "pivot/game.hpp"

namespace pivot {

namespace {

using gambit_io::Lexer;
using gambit_io::Token;

class NfgParser {
 public:
  NfgParser(std::string_view text, const std::string& file) : lex_(text, file) { take(); }

  StrategicGame parse() {
    StrategicGame game;
    expect_word("NFG");
    expect_word("1");
    if (tok_.kind != Token::word || (tok_.value != "R" && tok_.value != "D"))
      lex_.fail(tok_, fmt::format("expected 'R' or 'D' after 'NFG 1', found {}", describe()));
    take();
    game.title = expect_text("the game's title");
    expect(Token::open, "'{' opening the list of players");
    while (tok_.kind == Token::text) game.players.push_back(expect_text("a player name"));
    expect(Token::close, "a quoted player name or '}'");
    if (game.players.empty()) lex_.fail(tok_, "a game needs at least one player");
    parse_strategies(game);
    if (tok_.kind == Token::text) game.comment = expect_text("a comment");
    game.payoffs.assign(game.num_profiles(), std::vector<Rational>(game.num_players(), 0));
    if (tok_.kind == Token::open)
      parse_outcome_form(game);
    else
      parse_payoff_form(game);
    if (tok_.kind != Token::end) lex_.fail(tok_, fmt::format("expected the end of the file, found {}", describe()));
    return game;
  }

 private:
  void take() { tok_ = lex_.next(); }

  std::string describe() const {
    switch (tok_.kind) {
      case Token::open: return "'{'";
      case Token::close: return "'}'";
      case Token::text: return fmt::format("\"{}\"", tok_.value);
      case Token::word: return fmt::format("'{}'", tok_.value);
      default: return "the end of the file";
    }
  }

  void expect(Token::Kind kind, const std::string& what) {
    if (tok_.kind != kind) lex_.fail(tok_, fmt::format("expected {}, found {}", what, describe()));
    take();
  }
  void expect_word(const std::string& word) {
    if (tok_.kind != Token::word || tok_.value != word)
      lex_.fail(tok_, fmt::format("expected '{}', found {}", word, describe()));
    take();
  }
  std::string expect_text(const std::string& what) {
    if (tok_.kind != Token::text) lex_.fail(tok_, fmt::format("expected {} in double quotes, found {}", what, describe()));
    std::string value = tok_.value;
    take();
    return value;
  }
  Rational expect_number(const std::string& what) {
    std::optional<Rational> value;
    if (tok_.kind == Token::word) value = parse_rational(tok_.value);
    if (!value) lex_.fail(tok_, fmt::format("expected {} (an integer, a/b or a decimal), found {}", what, describe()));
    take();
    return *value;
  }
  std::size_t expect_count(const std::string& what, std::size_t max) {
    const Token at = tok_;
    const Rational v = expect_number(what);
    if (v.get_den() != 1 || v < 0 || v > max)
      lex_.fail(at, fmt::format("expected {} (a whole number from 0 to {}), found '{}'", what, max, at.value));
    return v.get_num().get_ui();
  }

  void parse_strategies(StrategicGame& game) {
    expect(Token::open, "'{' opening the strategies");
    for (std::size_t p = 0; p < game.num_players(); ++p) {
      const Token at = tok_;
      std::vector<std::string> labels;
      if (tok_.kind == Token::open) {
        take();
        while (tok_.kind == Token::text) labels.push_back(expect_text("a strategy name"));
        expect(Token::close, "a quoted strategy name or '}'");
      } else {
        const std::size_t count = expect_count(fmt::format("the number of strategies of player {}", p + 1), 100000);
        for (std::size_t s = 0; s < count; ++s) labels.push_back(std::to_string(s + 1));
      }
      if (labels.empty()) lex_.fail(at, fmt::format("player {} needs at least one strategy", p + 1));
      game.strategies.push_back(std::move(labels));
    }
    expect(Token::close, fmt::format("'}}' closing the strategies of {} players", game.num_players()));
    double profiles = 1;
    for (const auto& s : game.strategies) profiles *= static_cast<double>(s.size());
    if (profiles > 5e7) lex_.fail(tok_, fmt::format("the game has {:.0f} pure profiles; at most 50000000 supported", profiles));
  }

  void parse_payoff_form(StrategicGame& game) {
    for (auto& profile : game.payoffs)
      for (std::size_t p = 0; p < game.num_players(); ++p)
        profile[p] = expect_number(fmt::format("a payoff ({} payoffs expected, one per player per profile)",
                                               game.num_profiles() * game.num_players()));
  }

  void parse_outcome_form(StrategicGame& game) {
    take();  // '{'
    std::vector<std::vector<Rational>> outcomes;
    while (tok_.kind == Token::open) {
      take();
      expect_text("the outcome's name");
      std::vector<Rational> payoffs;
      for (std::size_t p = 0; p < game.num_players(); ++p)
        payoffs.push_back(expect_number(fmt::format("player {}'s payoff in outcome {}", p + 1, outcomes.size() + 1)));
      expect(Token::close, fmt::format("'}}' closing outcome {} after {} payoffs", outcomes.size() + 1, game.num_players()));
      outcomes.push_back(std::move(payoffs));
    }
    expect(Token::close, "'{' opening an outcome or '}' closing the outcomes");
    for (auto& profile : game.payoffs) {
      const std::size_t k = expect_count(fmt::format("an outcome number ({} expected, one per profile)", game.num_profiles()),
                                         outcomes.size());
      if (k > 0) profile = outcomes[k - 1];
    }
  }

  Lexer lex_;
  Token tok_{Token::end, "", 0, 0};
};

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

StrategicGame parse_nfg(std::string_view text, const std::string& file) { return NfgParser(text, file).parse(); }

StrategicGame read_nfg_file(const std::filesystem::path& path) {
  return parse_nfg(read_text_file(path), path.string());
}

std::string write_nfg(const StrategicGame& game) {
  std::string out = "NFG 1 R " + quoted(game.title) + " {";
  for (const auto& p : game.players) out += " " + quoted(p);
  out += " }\n{ ";
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
