package metrics

import (
	"fmt"

	"github.com/paperhq/paper/report/caselog"
)

// Cell is one service's counts of one stage in one month (or another
// column of a grid), by the month of Received, counted as the year's
// figures are: Closed have a Responded date, OnTime were answered by
// their due date, Upheld are closed with the outcome Upheld.
type Cell struct {
	Received, Closed, OnTime, Upheld int
}

// ServiceMonths returns, for each service with a case of stage st
// received in the financial year year ("2024/25"), its counts in each
// month from April to March, for heat maps of where and when complaints
// arise. The months of a service add up to its year's figures.
func (c *Complaints) ServiceMonths(year string, st caselog.Stage) (map[string]*[12]Cell, error) {
	p, ok := ParsePeriod(year)
	if !ok || p.Kind != 'Y' {
		return nil, fmt.Errorf("%q is not a financial year", year)
	}
	out := map[string]*[12]Cell{}
	if c.log == nil {
		return out, nil
	}
	start, _ := p.Months()
	m0 := start.Year()*12 + int(start.Month()) - 1
	for i := range c.log.Rows {
		r := &c.log.Rows[i]
		if r.Stage != st {
			continue
		}
		m := monthIndex(r.Received) - m0
		if m < 0 || m >= 12 {
			continue
		}
		name := c.log.Services[r.Service]
		cells := out[name]
		if cells == nil {
			cells = &[12]Cell{}
			out[name] = cells
		}
		c.countCell(&cells[m], r)
	}
	return out, nil
}

// NotRecorded names the column of a category heat map that counts the
// rows with a blank Category.
const NotRecorded = "Not recorded"

// ServiceCategories returns, for each service with a case of stage st
// received in the financial year year, its counts by the case log's
// Category column (rows with none under NotRecorded), and the categories
// found; ok is false when the case log has no Category column.
func (c *Complaints) ServiceCategories(year string, st caselog.Stage) (cells map[string]map[string]*Cell, categories []string, ok bool, err error) {
	p, valid := ParsePeriod(year)
	if !valid || p.Kind != 'Y' {
		return nil, nil, false, fmt.Errorf("%q is not a financial year", year)
	}
	if c.log == nil || !c.log.HasCategory {
		return nil, nil, false, nil
	}
	start, _ := p.Months()
	m0 := start.Year()*12 + int(start.Month()) - 1
	cells = map[string]map[string]*Cell{}
	seen := map[string]bool{}
	for i := range c.log.Rows {
		r := &c.log.Rows[i]
		if r.Stage != st {
			continue
		}
		if m := monthIndex(r.Received) - m0; m < 0 || m >= 12 {
			continue
		}
		cat := NotRecorded
		if r.Category > 0 {
			cat = c.log.Categories[r.Category-1]
		}
		name := c.log.Services[r.Service]
		if cells[name] == nil {
			cells[name] = map[string]*Cell{}
		}
		cell := cells[name][cat]
		if cell == nil {
			cell = &Cell{}
			cells[name][cat] = cell
		}
		seen[cat] = true
		c.countCell(cell, r)
	}
	for cat := range seen {
		categories = append(categories, cat)
	}
	return cells, categories, true, nil
}

// countCell counts row r into cell as the year's figures count it.
func (c *Complaints) countCell(cell *Cell, r *caselog.Row) {
	cell.Received++
	if !r.Closed() {
		return
	}
	cell.Closed++
	due := r.Due
	if due == caselog.NoDate {
		due = c.cal.Add(r.Received, c.targets[r.Stage])
	}
	if r.Responded <= due {
		cell.OnTime++
	}
	if r.Outcome == caselog.Upheld {
		cell.Upheld++
	}
}
