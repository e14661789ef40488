package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// amountFlag is a positive amount with an optional unit: "500", "500USD",
// "500 USD" (an amount in the scenario's currency, which must then
// match) or, where relative is allowed, "1%" (a share of a mean).
type amountFlag struct {
	value    float64 // the amount, or the share (0.01 for 1%)
	relative bool
	currency string // "" when none was given
	set      bool
	allowPct bool
}

func (a *amountFlag) String() string {
	if a == nil || !a.set {
		return ""
	}
	if a.relative {
		return strconv.FormatFloat(a.value*100, 'g', -1, 64) + "%"
	}
	return strings.TrimSpace(strconv.FormatFloat(a.value, 'g', -1, 64) + " " + a.currency)
}

func (a *amountFlag) Set(s string) error {
	t := strings.TrimSpace(s)
	rel := strings.HasSuffix(t, "%")
	cur := ""
	if rel {
		if !a.allowPct {
			return fmt.Errorf("want an amount such as 500 or 500USD")
		}
		t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	} else if n := len(t); n > 3 && isUpperLetters(t[n-3:]) {
		cur, t = t[n-3:], strings.TrimSpace(t[:n-3])
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 || v > 1e15 {
		if a.allowPct {
			return fmt.Errorf("want a positive amount such as 500USD or a share such as 1%%")
		}
		return fmt.Errorf("want a positive amount such as 500 or 500USD")
	}
	if rel {
		v /= 100
	}
	a.value, a.relative, a.currency, a.set = v, rel, cur, true
	return nil
}

func isUpperLetters(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// checkCurrency refuses an amount given in another currency than the
// scenario's.
func (a *amountFlag) checkCurrency(flagName, currency string) error {
	if a.currency != "" && a.currency != currency {
		return usageErr("--%s %s: the scenario's amounts are in %s", flagName, a, currency)
	}
	return nil
}
