// The Z-report PDF a connector attaches to one voucher of a delivery: the
// voucher's Z-report(s) with the voucher's own page (formats/pdf). Shared by
// the kinds that attach a PDF per voucher (PowerOffice Go, Visma eEkonomi).
//
//   ASSIGN_OR_RETURN(std::string pdf, voucher_pdf(payload, voucher));
//   std::string name = voucher_pdf_name(payload, voucher);  // "z-kaffebaren-2026-03-01-Z12.pdf"
#pragma once

#include <string>

#include "core/result.h"
#include "exports/connector.h"

namespace dagbok {

Result<std::string> voucher_pdf(const DeliveryPayload& p, const Voucher& v);
std::string voucher_pdf_name(const DeliveryPayload& p, const Voucher& v);

}  // namespace dagbok
