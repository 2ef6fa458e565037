// How gtest prints dagbok's value types in failure messages.
#pragma once

#include <ostream>

#include "core/date.h"
#include "core/money.h"

namespace dagbok {
inline void PrintTo(const Money& m, std::ostream* os) { *os << m.to_string(); }
inline void PrintTo(const Date& d, std::ostream* os) { *os << d.to_string(); }
}  // namespace dagbok
