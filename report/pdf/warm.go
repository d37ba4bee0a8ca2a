package pdf

// Warm does now, on the calling goroutine, the work every process's
// first paper in the standard fonts pays for once: parsing the four faces
// of Liberation Sans into the font cache, reading which characters they
// hold, and their widths of the first 256 characters for measuring
// text. A caller with a core to spare (a build, while it reads the
// definition and data) runs it beside other work, so that Write finds
// the fonts parsed; Write does exactly what it would have done without,
// so the output is the same. Warm is safe to call from any goroutine, at
// any time, any number of times.
func Warm() {
	if fontCacheOff {
		return
	}
	for _, style := range []string{"", "B", "I", "BI"} {
		proto(mainFamily, style, fontFiles[mainFamily+style])
		metricsOf(mainFamily, style).width('a')
	}
	mainCoverage.once.Do(mainCoverage.load)
}
