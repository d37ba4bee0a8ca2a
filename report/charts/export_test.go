package charts

// Fixtures returns one chart of each kind built from the fixture data.
func Fixtures() []Chart {
	return []Chart{trendFixture(), comparisonFixture(), byServiceFixture(), funnelFixture(), monthlyFixture(12), rateComparisonFixture(), monthlyFixture(24)}
}
