package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHuman(t *testing.T) {
	assert.Equal(t, "79,009.16", Human(79009.157, true, ""))
	assert.Equal(t, "1,234.50 USD", Human(1234.5, true, "USD"))
	assert.Equal(t, "349.5", Human(349.52, false, ""))
	assert.Equal(t, "2,000", Human(2000, false, ""))
	assert.Equal(t, "0.00", Human(-0.001, true, ""))
	assert.Equal(t, "-1,000,000", Human(-1e6, false, ""))
	assert.Equal(t, "+12.0", signed(12.04, false))
	assert.Equal(t, "0", signed(0, false))
}
