// The tokens of Gambit's text formats (.nfg, .efg): braces, quoted strings
// and bare words, with commas counted as blanks; positions are 1-based.
#pragma once

#include <fmt/format.h>

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "games/rational_text.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/game.hpp"

namespace pivot::games {

struct Token {
  enum Kind { open, close, text, word, end } kind;
  std::string value;
  std::size_t line, column;
};

class Lexer {
 public:
  Lexer(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {}

  Token next() {
    skip_blanks();
    Token t{Token::end, "", line_, column_};
    if (pos_ >= text_.size()) return t;
    const char c = text_[pos_];
    if (c == '{' || c == '}') {
      t.kind = c == '{' ? Token::open : Token::close;
      advance();
      return t;
    }
    if (c == '"') {
      advance();
      t.kind = Token::text;
      while (true) {
        if (pos_ >= text_.size()) fail(t, "unterminated string: expected a closing '\"'");
        char d = text_[pos_];
        if (d == '\\' && pos_ + 1 < text_.size()) {
          advance();
          d = text_[pos_];
        } else if (d == '"') {
          advance();
          break;
        }
        t.value += d;
        advance();
      }
      return t;
    }
    t.kind = Token::word;
    while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])) && text_[pos_] != ',' &&
           text_[pos_] != '{' && text_[pos_] != '}' && text_[pos_] != '"') {
      t.value += text_[pos_];
      advance();
    }
    return t;
  }

  [[noreturn]] void fail(const Token& at, const std::string& message) const {
    throw InputError({file_, at.line, at.column, ""}, message);
  }

 private:
  void advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    ++pos_;
  }
  void skip_blanks() {
    while (pos_ < text_.size() && (std::isspace(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == ','))
      advance();
  }

  std::string_view text_;
  std::string file_;
  std::size_t pos_ = 0, line_ = 1, column_ = 1;
};

}  // namespace pivot::games

namespace pivot::games {

/// The current token of a Lexer and the checks a recursive-descent reader
/// needs; every failure names the file, line and column and what was expected.
class TokenCursor {
 public:
  TokenCursor(std::string_view text, const std::string& file) : lex_(text, file) { take(); }

  const Token& token() const { return tok_; }
  void take() { tok_ = lex_.next(); }
  [[noreturn]] void fail(const Token& at, const std::string& message) const { lex_.fail(at, message); }
  [[noreturn]] void fail_here(const std::string& message) const { lex_.fail(tok_, message); }

  std::string describe() const {
    switch (tok_.kind) {
      case Token::open:
        return "'{'";
      case Token::close:
        return "'}'";
      case Token::text:
        return "\"" + tok_.value + "\"";
      case Token::word:
        return "'" + tok_.value + "'";
      default:
        return "the end of the file";
    }
  }
  void expect(Token::Kind kind, const std::string& what) {
    if (tok_.kind != kind) fail_here("expected " + what + ", found " + describe());
    take();
  }
  void expect_word(const std::string& word) {
    if (tok_.kind != Token::word || tok_.value != word) fail_here("expected '" + word + "', found " + describe());
    take();
  }
  std::string expect_text(const std::string& what) {
    if (tok_.kind != Token::text) fail_here("expected " + what + " in double quotes, found " + describe());
    std::string value = tok_.value;
    take();
    return value;
  }
  Rational expect_number(const std::string& what) {
    std::optional<Rational> value;
    if (tok_.kind == Token::word) value = parse_rational(tok_.value);
    if (!value) fail_here(fmt::format("expected {} (an integer, a/b or a decimal), found {}", what, describe()));
    take();
    return *value;
  }
  std::size_t expect_count(const std::string& what, std::size_t max) {
    const Token at = tok_;
    const Rational v = expect_number(what);
    if (v.get_den() != 1 || v < 0 || v > max)
      fail(at, fmt::format("expected {} (a whole number from 0 to {}), found '{}'", what, max, at.value));
    return v.get_num().get_ui();
  }

 private:
  Lexer lex_;
  Token tok_{Token::end, "", 0, 0};
};

}  // namespace pivot::games

namespace pivot::games {

/// What both formats open with: `MAGIC VERSION R|D "title" { "player" ... }`.
struct Prologue {
  std::string title;
  std::vector<std::string> players;
};

inline Prologue parse_prologue(TokenCursor& in, const std::string& magic, const std::string& version) {
  in.expect_word(magic);
  in.expect_word(version);
  if (in.token().kind != Token::word || (in.token().value != "R" && in.token().value != "D"))
    in.fail_here(fmt::format("expected 'R' or 'D' after '{} {}', found {}", magic, version, in.describe()));
  in.take();
  Prologue prologue;
  prologue.title = in.expect_text("the game's title");
  in.expect(Token::open, "'{' opening the list of players");
  while (in.token().kind == Token::text) prologue.players.push_back(in.expect_text("a player name"));
  in.expect(Token::close, "a quoted player name or '}'");
  if (prologue.players.empty()) in.fail_here("a game needs at least one player");
  return prologue;
}

/// `s` in Gambit's double quotes, with '"' and '\\' escaped.
inline std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// The prologue as written back: `HEADER "title" { "player" ... }`, e.g. HEADER = "NFG 1 R".
inline std::string write_prologue(const std::string& header, const std::string& title,
                                  const std::vector<std::string>& players) {
  std::string out = header + " " + quoted(title) + " {";
  for (const auto& p : players) out += " " + quoted(p);
  return out + " }";
}

}  // namespace pivot::games
