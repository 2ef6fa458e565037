// read_sie5: SIE 5 (XML, namespace http://www.sie.se/sie5) into the same
// sie::Document as SIE 4, so that a file from a program that writes SIE 5
// imports too. Both roots are read: <Sie> (a full export) and <SieEntry> (an
// import file without voucher numbers).
//
// What is read: company (name, organisation number), fiscal years, accounts
// (with their type), dimensions and objects, opening and closing balances per
// fiscal year (with objects), and journal entries with their ledger entries
// (overstruck entries as removed rows). Signatures, documents and customer
// and supplier invoices are not read. Amounts keep their two decimals exactly.
#pragma once

#include <string>
#include <string_view>

#include "core/file_system.h"
#include "core/result.h"
#include "formats/sie/sie_reader.h"

namespace dagbok::sie {

Result<ReadResult> read_sie5(std::string_view bytes, const ReadOptions& options = {});
Result<ReadResult> read_sie5_file(const std::string& path, const ReadOptions& options = {},
                                  FileSystem& fs = posix_file_system());

}  // namespace dagbok::sie
