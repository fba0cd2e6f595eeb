// A file is read on a second thread while the query runs on the first: the reader splits and decodes the next
// batches while the executor filters and groups the last ones. The pipe between them holds a few batches, so memory
// stays small, and either side can stop the other.

import Glibc

/// BatchPipe is a bounded queue of batches from a reader thread to the thread that runs the query, or of split
/// records from the reader to a decoder.
final class BatchPipe<Element>: @unchecked Sendable {
    enum Item {
        case batch(Element)
        case end(skipped: Int, first: CSVError?)
        case failure(Error)
    }

    private var mutex = pthread_mutex_t()
    private var changed = pthread_cond_t()
    /// items are the queue from head on; a taken item's place is emptied at once, so that it holds no batch.
    private var items: [Item?] = []
    private var head = 0
    private var stopped = false
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
    }

    deinit {
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&mutex)
    }

    /// put waits for room and adds an item; false once the reading side has stopped.
    func put(_ item: Item) -> Bool {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while !stopped && items.count - head >= capacity { pthread_cond_wait(&changed, &mutex) }
        if stopped { return false }
        items.append(item)
        pthread_cond_broadcast(&changed)
        return true
    }

    /// take waits for the next item; nil once the pipe is stopped and empty.
    func take() -> Item? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while items.count == head && !stopped { pthread_cond_wait(&changed, &mutex) }
        if items.count == head { return nil }
        let item = items[head]
        items[head] = nil
        head += 1
        if head > 64 {
            items.removeFirst(head)
            head = 0
        }
        pthread_cond_broadcast(&changed)
        return item
    }

    /// stop tells the writing side that no more items are wanted, and the taking side that no more will come.
    func stop() {
        pthread_mutex_lock(&mutex)
        stopped = true
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
    }
}

/// ReaderThread runs a body on a thread of its own, to be joined.
final class ReaderThread: @unchecked Sendable {
    private var thread = pthread_t()
    private let body: () -> Void
    private(set) var started = false

    init(_ body: @escaping () -> Void) { self.body = body }

    /// start starts the thread; false when the system refused one.
    func start() -> Bool {
        let box = Unmanaged.passRetained(self)
        let rc = pthread_create(&thread, nil, { raw in
            let me = Unmanaged<ReaderThread>.fromOpaque(raw!).takeRetainedValue()
            me.body()
            return nil
        }, box.toOpaque())
        if rc != 0 { box.release(); return false }
        started = true
        return true
    }

    func join() {
        if started { pthread_join(thread, nil) }
        started = false
    }
}

/// cores is the number of processors online.
let onlineCores: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
