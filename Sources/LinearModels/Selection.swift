/// Order statistics without sorting (Hoare's quickselect, median-of-three pivots): the working
/// set of `WorkingSetDescent` takes the k nearest of up to p constraints every outer round, and a
/// sort would cost O(p log p) where this costs O(p) on average.
enum Selection {
    /// The k-th smallest of `values` (k ≥ 1, counted with multiplicity; k ≤ values.count).
    static func smallest(_ k: Int, of values: [Double]) -> Double {
        precondition(k >= 1 && k <= values.count, "k-th smallest needs 1 ≤ k ≤ count")
        var a = values
        var (low, high) = (0, a.count - 1)
        let target = k - 1
        while low < high {
            let middle = low + (high - low) / 2
            // Median of three as the pivot.
            if a[middle] < a[low] { a.swapAt(middle, low) }
            if a[high] < a[low] { a.swapAt(high, low) }
            if a[high] < a[middle] { a.swapAt(high, middle) }
            let pivot = a[middle]
            var (i, j) = (low, high)
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now a[low...j] ≤ pivot ≤ a[i...high], and every element between j and i equals pivot.
            if target <= j {
                high = j
            } else if target >= i {
                low = i
            } else {
                return pivot
            }
        }
        return a[target]
    }
}
