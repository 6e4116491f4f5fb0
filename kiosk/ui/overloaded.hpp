// The usual visitor helper: overloaded{[](const A&) {...}, [](const B&) {...}}
// turns lambdas into one callable for std::visit over intents.
#pragma once

namespace wk::ui {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

}  // namespace wk::ui
