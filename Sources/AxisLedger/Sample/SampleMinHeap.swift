/// A binary min-heap: the org streams keep their planned attempts in one,
/// and the generator merges the org streams through another, so neither
/// holds more than the attempts already planned but not yet written.
struct SampleMinHeap<Element: Comparable> {
    private(set) var elements: [Element] = []

    var isEmpty: Bool { elements.isEmpty }
    var first: Element? { elements.first }

    mutating func insert(_ element: Element) {
        elements.append(element)
        var child = elements.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard elements[child] < elements[parent] else { break }
            elements.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popFirst() -> Element? {
        guard !elements.isEmpty else { return nil }
        elements.swapAt(0, elements.count - 1)
        let smallest = elements.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var candidate = parent
            if left < elements.count, elements[left] < elements[candidate] { candidate = left }
            if right < elements.count, elements[right] < elements[candidate] { candidate = right }
            if candidate == parent { break }
            elements.swapAt(parent, candidate)
            parent = candidate
        }
        return smallest
    }
}
