// The chart of accounts: #KONTO #KTYP #ENHET #SRU #DIM #UNDERDIM #OBJEKT.
#include "formats/sie/internal/parser_impl.h"

#include <string>

namespace dagbok::sie {

using internal::all_digits;

// ---- chart of accounts -------------------------------------------------------------

void SieParser::Impl::on_chart_record(Label label) {
  switch (label) {
    case Label::kKonto: {
      if (!need(0, "the account number")) return;
      account_code(arg(0), scratch_);
      text(arg(1), scratch2_, true);
      if (fields_.size() > 2 && fields_[1].kind == Field::Kind::kWord) {
        // "#KONTO 2440 Leverantörsskulder AB": a name with blanks, unquoted.
        warning(arg(2), "the account name contains a space but is not in quotes; read as one name");
        std::string more;
        for (size_t k = 2; k < fields_.size(); ++k) {
          text(arg(k), more, true);
          scratch2_ += ' ';
          scratch2_ += more;
        }
      }
      if (declared_.insert(scratch_).second) {
        ++summary_.accounts;
      } else {
        warning(arg(0), "account " + scratch_ + " is declared twice; the later name is used");
      }
      handler_.on_account(scratch_, scratch2_);
      return;
    }
    case Label::kKtyp:
    case Label::kEnhet:
    case Label::kSru: {
      if (!need(0, "the account number") ||
          !need(1, label == Label::kKtyp ? "the account type" : label == Label::kEnhet ? "the unit" : "the SRU code"))
        return;
      account_code(arg(0), scratch_);
      text(arg(1), scratch2_);
      if (declared_.count(scratch_) == 0 && label != Label::kSru)
        warning(arg(0), "account " + scratch_ + " has no #KONTO before this record");
      if (label == Label::kKtyp) {
        if (scratch2_ != "T" && scratch2_ != "S" && scratch2_ != "K" && scratch2_ != "I")
          error(arg(1), "the account type must be T (asset), S (liability), K (cost) or I (income); found '" +
                            scratch2_ + "'");
        handler_.on_account_type(scratch_, scratch2_);
      } else if (label == Label::kEnhet) {
        handler_.on_account_unit(scratch_, scratch2_);
      } else {
        handler_.on_sru(scratch_, scratch2_);
      }
      return;
    }
    case Label::kDim:
    case Label::kUnderdim: {
      if (!need(0, "the dimension number")) return;
      text(arg(0), dimension_.number);
      text(arg(1), dimension_.name, true);
      dimension_.parent.clear();
      if (!all_digits(dimension_.number))
        error(arg(0), "the dimension number '" + dimension_.number + "' is not a number");
      if (label == Label::kUnderdim) {
        if (!need(2, "the superior dimension")) return;
        text(arg(2), dimension_.parent);
      }
      ++summary_.dimensions;
      handler_.on_dimension(dimension_);
      return;
    }
    case Label::kObjekt: {
      if (!need(0, "the dimension number") || !need(1, "the object number")) return;
      text(arg(0), object_.dim);
      text(arg(1), object_.id);
      text(arg(2), object_.name, true);
      if (!all_digits(object_.dim)) error(arg(0), "the dimension number '" + object_.dim + "' is not a number");
      ++summary_.objects;
      handler_.on_object(object_);
      return;
    }
    default:
      return;
  }
}

}  // namespace dagbok::sie
