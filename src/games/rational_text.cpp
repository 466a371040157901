#include "games/rational_text.hpp"

#include <cctype>

namespace pivot::games {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<Rational> parse_rational(std::string_view text) {
  std::string_view s = trim(text);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  Rational value;
  if (const auto slash = s.find('/'); slash != std::string_view::npos) {
    const auto num = s.substr(0, slash), den = s.substr(slash + 1);
    if (!all_digits(num) || !all_digits(den)) return std::nullopt;
    mpz_class d{std::string(den), 10};
    if (d == 0) return std::nullopt;
    value = Rational(mpz_class(std::string(num), 10), d);
    value.canonicalize();
  } else {
    std::string_view mantissa = s, exponent;
    if (const auto e = s.find_first_of("eE"); e != std::string_view::npos) {
      mantissa = s.substr(0, e);
      exponent = s.substr(e + 1);
    }
    const auto dot = mantissa.find('.');
    std::string_view whole = mantissa.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view{} : mantissa.substr(dot + 1);
    if (whole.empty() && frac.empty()) return std::nullopt;
    if ((!whole.empty() && !all_digits(whole)) || (!frac.empty() && !all_digits(frac))) return std::nullopt;
    long exp10 = -static_cast<long>(frac.size());
    if (!exponent.empty()) {
      bool eneg = false;
      if (exponent.front() == '-' || exponent.front() == '+') {
        eneg = exponent.front() == '-';
        exponent.remove_prefix(1);
      }
      if (!all_digits(exponent) || exponent.size() > 4) return std::nullopt;
      const long e = std::stol(std::string(exponent));
      exp10 += eneg ? -e : e;
    }
    std::string all_digits_text = std::string(whole);
    all_digits_text += frac;
    mpz_class digits{all_digits_text, 10};
    mpz_class scale;
    mpz_ui_pow_ui(scale.get_mpz_t(), 10, static_cast<unsigned long>(exp10 < 0 ? -exp10 : exp10));
    value = exp10 < 0 ? Rational(digits, scale) : Rational(digits * scale);
    value.canonicalize();
  }
  if (negative) value = -value;
  return value;
}

std::string rational_text(const Rational& value) { return value.get_str(); }

}  // namespace pivot::games
