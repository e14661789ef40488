package reports

import (
	"encoding/binary"
	"unsafe"

	"licsim/model"
)

// Columns keeps a run's replications compactly, in replication order,
// for the summary and the files: the totals of each replication as a row
// (a model.Result without its monthly series and costs; the first keeps
// its subscriptions for subscriptions.csv), and the monthly series and
// costs as one column per value. A column is a stream of varints, each
// value stored as its change from the month before in the same
// replication (counts move little from month to month): the
// 8·months·series bytes a Result's monthly series take shrink to a byte
// or two per value, and the summary reads each column in one sequential
// pass instead of one value from each of the results.
//
// Add takes replications as they come, so that a run can keep a million
// of them without their Results (see model.ReplicateEach; `licsim run` does).
type Columns struct {
	months, width int
	periods       int
	groups        int
	costsLen      int
	rows          []model.Result
	// monthly[m*width+j]: series j of month m, over the replications with
	// the scenario's monthly series (nMonthly of them).
	monthly  []column
	nMonthly int
	// seats: the sum over the months of selfservice_seats, per
	// replication with monthly series (seatsAverage).
	seats column
	// costs: per replication with the scenario's costs (nCosts of them),
	// the period sums over groups then the group sums over periods, each
	// per kind: see costAt.
	costs  []column
	nCosts int
}

// NewColumns returns empty columns for the replications of cfg, with
// room for the rows of cfg.Replications of them (what the memory
// estimate counts, model.ResultBytes), so that the rows never grow by
// copying.
func NewColumns(cfg *model.Config) *Columns {
	c := &Columns{
		months: cfg.Months, width: len(model.Series(cfg)),
		periods: model.Periods(cfg), groups: len(model.CostGroups(cfg)), costsLen: model.CostsLen(cfg),
		rows: make([]model.Result, 0, max(0, cfg.Replications)),
	}
	c.monthly = make([]column, c.months*c.width)
	c.costs = make([]column, (c.periods+c.groups)*int(model.NumCostKinds))
	return c
}

// ColumnsOf keeps results, in their order.
func ColumnsOf(cfg *model.Config, results []model.Result) *Columns {
	c := NewColumns(cfg)
	c.rows = make([]model.Result, 0, len(results))
	for i := range results {
		c.Add(&results[i])
	}
	return c
}

// Add keeps replication r after those added before; it keeps none of r's
// slices but the first replication's subscriptions.
func (c *Columns) Add(r *model.Result) {
	row := *r
	row.Monthly, row.Costs = nil, nil
	if len(c.rows) > 0 {
		row.Subscriptions = nil
	}
	c.rows = append(c.rows, row)
	if c.months > 0 && len(r.Monthly) == c.months*c.width {
		var seats int64
		for m := range c.months {
			for j := range c.width {
				v := r.Monthly[m*c.width+j]
				if m > 0 {
					v -= r.Monthly[(m-1)*c.width+j]
				}
				c.monthly[m*c.width+j].put(v)
			}
			seats += r.Monthly[m*c.width+model.SerSelfserviceSeats]
		}
		c.seats.put(seats)
		c.nMonthly++
	}
	if c.costsLen > 0 && len(r.Costs) == c.costsLen {
		kinds := int(model.NumCostKinds)
		for k := range kinds {
			for p := range c.periods {
				var v int64
				for g := range c.groups {
					v += r.Costs[model.CostIndex(c.groups, p, g, model.CostKind(k))]
				}
				c.costs[p*kinds+k].put(v)
			}
			for g := range c.groups {
				var v int64
				for p := range c.periods {
					v += r.Costs[model.CostIndex(c.groups, p, g, model.CostKind(k))]
				}
				c.costs[(c.periods+g)*kinds+k].put(v)
			}
		}
		c.nCosts++
	}
}

// Bytes is the memory the columns hold: the rows (at their capacity)
// and every column's blocks. model.ResultBytes estimates it before a run.
func (c *Columns) Bytes() int64 {
	n := int64(cap(c.rows))*int64(unsafe.Sizeof(model.Result{})) + int64(c.seats.bytes())
	for i := range c.monthly {
		n += int64(c.monthly[i].bytes())
	}
	for i := range c.costs {
		n += int64(c.costs[i].bytes())
	}
	return n
}

// Len is the number of replications kept.
func (c *Columns) Len() int { return len(c.rows) }

// Rows are the replications kept, in order, without their monthly series
// and costs: what replications.csv, the workbook and the charts of totals
// read. The caller does not modify them.
func (c *Columns) Rows() []model.Result { return c.rows }

// monthColumn sets dst (len nMonthly) to the changes of series j in
// month m from month m−1 (for m = 0, its values).
func (c *Columns) monthColumn(dst []int64, m, j int) {
	c.monthly[m*c.width+j].read(dst)
}

// costAt reads the cost sums of kind k of period p (group < 0) or of
// group g over all periods (period < 0) into dst (len nCosts).
func (c *Columns) costAt(dst []int64, p, g int, k model.CostKind) {
	i := p
	if p < 0 {
		i = c.periods + g
	}
	c.costs[i*int(model.NumCostKinds)+int(k)].read(dst)
}

// column is a stream of zigzag varints (encoding/binary) in blocks that
// double from 64 bytes to 4 KiB, so that a column grows without copying
// and wastes at most a block.
type column struct {
	blocks [][]byte
}

const (
	firstBlock = 64
	lastBlock  = 4 << 10
)

// put appends v.
func (c *column) put(v int64) {
	n := len(c.blocks)
	if n == 0 || cap(c.blocks[n-1])-len(c.blocks[n-1]) < binary.MaxVarintLen64 {
		size := firstBlock
		if n > 0 {
			size = min(2*cap(c.blocks[n-1]), lastBlock)
		}
		c.blocks = append(c.blocks, make([]byte, 0, size))
		n++
	}
	c.blocks[n-1] = binary.AppendVarint(c.blocks[n-1], v)
}

// read sets dst to the values put, in order; len(dst) is their number.
func (c *column) read(dst []int64) {
	i := 0
	for _, b := range c.blocks {
		for len(b) > 0 {
			v, k := binary.Varint(b)
			dst[i] = v
			i++
			b = b[k:]
		}
	}
}

// bytes is the memory the column holds.
func (c *column) bytes() int {
	n := 24 * cap(c.blocks)
	for _, b := range c.blocks {
		n += cap(b)
	}
	return n
}
