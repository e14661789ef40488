package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMonthStart_ClampsLikeTheModel(t *testing.T) {
	start := mustDate(t, "2024-01-31")
	want := []string{"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2025-01-31"}
	for i, m := range []int{0, 1, 2, 3, 12} {
		assert.Equal(t, want[i], MonthStart(start, m).Format("2006-01-02"))
	}
	assert.Equal(t, "2024-02", MonthLabel(start, 1))
	assert.Equal(t, "2025-12", MonthLabel(mustDate(t, "2025-01-15"), 11))
}
