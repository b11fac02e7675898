//go:build !race

package analyzers

const raceEnabled = false
