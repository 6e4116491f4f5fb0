// Registration code generation, check symbol and normalisation (see registration_code.hpp).
//
// Luhn mod N (N = 30): walking from the rightmost symbol leftwards, every second symbol
// (starting with the rightmost data symbol when computing, with the one left of the check
// symbol when validating) is doubled and the digits of the doubled value in base N are
// summed. The check symbol makes the total a multiple of N.
#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/random.hpp"

#include <array>
#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace wk::core {
namespace {

constexpr int kN = static_cast<int>(kRegistrationCodeAlphabet.size());
static_assert(kN == 30, "the alphabet must have 30 symbols");

// The Luhn value of an upper-case alphabet symbol, -1 for anything else.
constexpr std::array<int, 256> kValue = [] {
  std::array<int, 256> v{};
  for (int& x : v) x = -1;
  for (std::size_t i = 0; i < kRegistrationCodeAlphabet.size(); ++i) {
    v[static_cast<unsigned char>(kRegistrationCodeAlphabet[i])] = static_cast<int>(i);
  }
  return v;
}();

int value_of(char c) {
  return kValue[static_cast<unsigned char>(c)];
}

// Sum of the Luhn addends of `symbols` (all valid), doubling starting with the rightmost
// symbol if `double_rightmost`.
int luhn_sum(std::string_view symbols, bool double_rightmost) {
  int factor = double_rightmost ? 2 : 1;
  int sum = 0;
  for (std::size_t i = symbols.size(); i-- > 0;) {
    int addend = factor * value_of(symbols[i]);
    addend = addend / kN + addend % kN;
    sum += addend;
    factor = 3 - factor;
  }
  return sum;
}

void require_eight_symbols(std::string_view symbols) {
  if (symbols.size() != kRegistrationCodeSymbols) {
    throw std::invalid_argument("a registration code needs exactly 8 symbols before its check symbol");
  }
  for (char c : symbols) {
    if (value_of(c) < 0) throw std::invalid_argument("registration code symbol outside the alphabet");
  }
}

}  // namespace

char registration_check_symbol(std::string_view eight_symbols) {
  require_eight_symbols(eight_symbols);
  const int sum = luhn_sum(eight_symbols, true);
  return kRegistrationCodeAlphabet[static_cast<std::size_t>((kN - sum % kN) % kN)];
}

std::string make_registration_code(std::string_view eight_symbols) {
  const char check = registration_check_symbol(eight_symbols);
  std::string out;
  out.reserve(kRegistrationCodeLength);
  out.append(eight_symbols.substr(0, 4));
  out.push_back('-');
  out.append(eight_symbols.substr(4, 4));
  out.push_back('-');
  out.push_back(check);
  return out;
}

std::string new_registration_code() {
  // Rejection sampling keeps the symbols uniform: bytes 240..255 would favour the first
  // 16 symbols, so they are drawn again.
  constexpr unsigned kLimit = 256 - 256 % kN;  // 240
  std::string symbols;
  symbols.reserve(kRegistrationCodeSymbols);
  std::array<unsigned char, 16> buf{};
  while (symbols.size() < kRegistrationCodeSymbols) {
    fill_random(buf.data(), buf.size());
    for (unsigned char b : buf) {
      if (b >= kLimit) continue;
      symbols.push_back(kRegistrationCodeAlphabet[b % kN]);
      if (symbols.size() == kRegistrationCodeSymbols) break;
    }
  }
  return make_registration_code(symbols);
}

std::string normalize_registration_code(std::string_view typed) {
  std::string symbols;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (value_of(c) < 0) return {};
    if (symbols.size() == kRegistrationCodeSymbols + 1) return {};  // too many symbols
    symbols.push_back(c);
  }
  if (symbols.size() != kRegistrationCodeSymbols + 1) return {};
  if (luhn_sum(symbols, false) % kN != 0) return {};
  return make_registration_code(std::string_view(symbols).substr(0, kRegistrationCodeSymbols));
}

bool is_valid_registration_code(std::string_view typed) {
  return !normalize_registration_code(typed).empty();
}

}  // namespace wk::core
