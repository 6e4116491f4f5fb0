// Registration codes: the short code on the receipt that a newcomer reads aloud on the
// phone or types in at the counter, e.g. "K7QM-4XRT-9".
//
// A code is 8 random symbols and 1 check symbol, all from a 30-symbol alphabet without the
// look-alikes 0/O, 1/I/L and U/V (U is dropped, V kept): "23456789ABCDEFGHJKMNPQRSTVWXYZ".
// It is shown as two groups of four, a dash, and the check symbol. The check symbol is
// Luhn mod N (N = 30) over the alphabet: it detects every single-symbol substitution and
// every adjacent transposition except one pair ("2" <-> "Z", the symbols with values 0 and
// N-1 — the mod-N analogue of Luhn's 09 <-> 90 blind spot).
//
// 30^8 ≈ 6.6·10^11 codes (39 bits): collisions are rare but possible, so a code is unique
// only within one terminal's database (the UNIQUE column); commit_registration retries.
// The hub must key registrations by id, never by code alone.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wk::core {

// The symbols in value order: symbol i has the Luhn value i.
inline constexpr std::string_view kRegistrationCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
// Random symbols per code (the check symbol comes on top).
inline constexpr std::size_t kRegistrationCodeSymbols = 8;
// Length of the canonical form "XXXX-XXXX-C".
inline constexpr std::size_t kRegistrationCodeLength = 11;

// A new code in canonical form, its 8 symbols uniformly random from getrandom(2).
// Throws std::system_error if the kernel's random source fails.
std::string new_registration_code();

// The Luhn mod 30 check symbol for `eight_symbols` (exactly 8 upper-case symbols of the
// alphabet, no separators). Throws std::invalid_argument otherwise.
char registration_check_symbol(std::string_view eight_symbols);

// "XXXX-XXXX-C" for `eight_symbols` (as for registration_check_symbol; throws likewise).
std::string make_registration_code(std::string_view eight_symbols);

// The canonical form "XXXX-XXXX-C" of what a person typed, or "" if it is not a valid code.
// Forgiving about form, strict about content: lower case is upper-cased, spaces and dashes
// anywhere (missing, extra, doubled) are ignored; any other character — including 0 O 1 I L U,
// which are not in the alphabet and so are never guessed at — makes it invalid, as do a
// symbol count other than 9 and a wrong check symbol.
std::string normalize_registration_code(std::string_view typed);

// True if normalize_registration_code(typed) is not empty.
bool is_valid_registration_code(std::string_view typed);

}  // namespace wk::core
