package charts

// Fixture data: the figures of reference 001 (Ombudsman enquiries 47, 36
// and 39 with 34%, 53% and 69% answered on time; about 3,100 stage 1 and
// 237 stage 2 complaints and 39 Ombudsman enquiries in 2020/21), and
// fictional councils and services.

func trendFixture() *Columns {
	return &Columns{
		Subject:      "Ombudsman enquiries",
		Labels:       []string{"2018/19", "2019/20", "2020/21"},
		CategoryName: "Year",
		Bars:         Series{Name: "Enquiries received", Axis: "Enquiries", Values: []Value{V(47), V(36), V(39)}, Format: Count},
		Line:         Series{Name: "Answered on time", Axis: "On time", Values: []Value{V(16.0 / 47), V(19.0 / 36), V(27.0 / 39)}, Format: Percent},
		LineWord:     "on time",
	}
}

func monthlyFixture(months int) *Columns {
	names := []string{"April", "May", "June", "July", "August", "September", "October", "November", "December", "January", "February", "March"}
	c := &Columns{
		Subject:      "stage 1 complaints received per month",
		CategoryName: "Month",
		Bars:         Series{Name: "Complaints received", Format: Count},
		Line:         Series{Name: "Answered on time", Format: Percent},
		LineWord:     "on time",
	}
	for i := 0; i < months; i++ {
		fy := 2019 + i/12
		m := names[i%12]
		year := fy
		if i%12 >= 9 {
			year++
		}
		c.Labels = append(c.Labels, m[:3])
		c.Short = append(c.Short, m[:1])
		c.Long = append(c.Long, m+" "+itoa(year))
		c.Bars.Values = append(c.Bars.Values, V(float64(220+(i*37)%90)))
		c.Line.Values = append(c.Line.Values, V(0.7+float64((i*13)%25)/100))
		if i%12 == 0 {
			c.Groups = append(c.Groups, Group{Label: itoa(fy) + "/" + itoa((fy+1)%100), From: i, To: min(i+12, months)})
		}
	}
	return c
}

func itoa(n int) string {
	if n < 10 {
		return "0" + string(rune('0'+n))
	}
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

func comparisonFixture() *Bars {
	return &Bars{
		Subject: "upheld investigations per 100,000 residents, 2020/21",
		Series:  Series{Name: "Upheld per 100,000 residents", Axis: "Upheld investigations per 100,000 residents", Format: Decimal},
		Rows: []Row{
			{Label: "Kingsbridge City Council", Value: V(9.44), Own: true},
			{Label: "Eastmoor City Council", Value: V(9.37)},
			{Label: "Harrowgate and Wendlebury Metropolitan Borough Council", Value: V(12.1)},
			{Label: "Portmere Council", Value: V(6.2)},
			{Label: "Ashdown Unitary Authority", Value: Undefined},
		},
		OwnName:      "Kingsbridge City Council",
		OthersName:   "Comparator councils",
		Reference:    &Reference{Label: "Average of the councils shown", Value: 9.28},
		CategoryName: "Council",
	}
}

func rateComparisonFixture() *Bars {
	b := comparisonFixture()
	b.Subject = "share of investigations upheld, 2020/21"
	b.Series = Series{Name: "Upheld rate", Format: Percent}
	for i, v := range []float64{0.83, 0.74, 0.69, 0.91, 0.5} {
		b.Rows[i].Value = V(v)
	}
	b.Reference = &Reference{Label: "Similar authorities' average", Value: 0.67}
	return b
}

func byServiceFixture() *Stacked {
	return &Stacked{
		Subject:       "stage 1 complaint outcomes by service, 2020/21",
		Parts:         []string{"Upheld", "Partially upheld", "Not upheld"},
		CategoryName:  "Service",
		Axis:          "Stage 1 complaints with an outcome",
		SuppressBelow: 5,
		Rows: []StackRow{
			{Label: "Housing", Counts: []int{310, 150, 520}},
			{Label: "Parking Services", Counts: []int{120, 60, 240}},
			{Label: "Waste and Recycling", Counts: []int{200, 45, 180}},
			{Label: "Council Tax and Benefits", Counts: []int{70, 3, 150}},
			{Label: "Planning and Building Control", Counts: []int{25, 12, 60}},
			{Label: "Registrars", Counts: []int{1, 0, 2}},
			{Label: "Adult Social Care", Counts: []int{40, 22, 30}},
		},
	}
}

func funnelFixture() *Funnel {
	return &Funnel{
		Subject:      "complaints received in 2020/21",
		CountName:    "Received",
		RateName:     "Escalation rate",
		CategoryName: "Stage",
		Steps: []Step{
			{Label: "Stage 1", Count: 3100},
			{Label: "Stage 2", Count: 237, Rate: V(237.0 / 3100), Into: "stage 2"},
			{Label: "Ombudsman", Count: 39, Rate: V(39.0 / 237), Into: "the Ombudsman"},
		},
	}
}

// heatmapFixture is a year of stage 1 complaints by service and month,
// with a small service's cells withheld.
func heatmapFixture() *Heatmap {
	months := []string{"April", "May", "June", "July", "August", "September", "October", "November", "December", "January", "February", "March"}
	h := &Heatmap{Subject: "stage 1 complaints received by service and month, 2024/25", RowName: "Service", ColName: "Month", TotalName: "All services",
		Withheld: "[c]", Note: "[c]: withheld so that no one can be identified.",
		Rows: []string{"Housing", "Council Tax and Benefits", "Environment, Streets and Parks (including Waste and Recycling)", "Registrars"}}
	for i, m := range months {
		year := 2024
		if i >= 9 {
			year++
		}
		h.Cols = append(h.Cols, m[:3])
		h.LongCols = append(h.LongCols, m+" "+itoa(year))
	}
	var col [12]int
	for r := range h.Rows {
		var row []HeatCell
		total := 0
		for m := range 12 {
			v := (r*53 + m*37) % (1200 / (r + 1))
			if r == 3 {
				row = append(row, HeatCell{Hidden: m%4 == 0, Value: Value{V: 0, OK: m%4 != 0}})
				continue
			}
			row = append(row, HeatCell{Value: V(float64(v))})
			total += v
			col[m] += v
		}
		h.Cells = append(h.Cells, row)
		h.RowTotals = append(h.RowTotals, HeatCell{Value: V(float64(total)), Hidden: r == 3})
	}
	for m := range 12 {
		h.ColTotals = append(h.ColTotals, HeatCell{Hidden: m%4 == 0, Value: V(float64(col[m]))})
	}
	h.Total = HeatCell{Value: V(9999)}
	return h
}
