package model

import "strconv"

// Cents is money in minor units of the scenario's currency. Money is never
// a float in the model.
type Cents = int64

// FormatCents writes an exact amount in currency units with two decimals
// ("-12.05", "1234.50"), without going through a float. Every package that
// shows an amount of cents uses it, so that they all agree.
func FormatCents(c Cents) string {
	sign := ""
	u := uint64(c)
	if c < 0 {
		sign, u = "-", uint64(-c)
	}
	frac := u % 100
	return sign + strconv.FormatUint(u/100, 10) + "." + string([]byte{byte('0' + frac/10), byte('0' + frac%10)})
}
