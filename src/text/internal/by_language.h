// One table per language (words_sv.cc, words_nb.cc, words_en.cc). Each is a
// switch over every Word without a default, so a missing key is a compile
// error; kEnd (not a word) yields nullptr.
#pragma once

#include "text/words.h"

namespace dagbok::text::internal {

const char* words_sv(Word key);
const char* words_nb(Word key);
const char* words_en(Word key);

}  // namespace dagbok::text::internal
