import { describe, expect, it } from 'vitest';
import { factsOf, fnOf, py } from './test-support.js';

describe('trivial functions', () => {
  const facts = factsOf(py`
    class Order:
        def __init__(self, id, items):
            """Make one."""
            super().__init__()
            self.id = id
            self.items: list = items

        def __repr__(self):
            return f"Order({self.id})"

        def __eq__(self, other):
            return self.id == other.id

        def __call__(self):
            return self.submit()

        @property
        def total(self):
            return self._total

        @property
        def remote_total(self):
            return self.client.fetch_total(self.id)

        @total.setter
        def total(self, value):
            self._total = value

        def set_note(self, note):
            self.note = note

        def label(self):
            return "order-" + str(self.id)

        def describe(self):
            return "{} items".format(len(self.items))

        def noop(self):
            """Nothing yet."""

        def stub(self):
            ...

        def placeholder(self):
            pass

    class Connection:
        def __init__(self, dsn):
            self.conn = psycopg2.connect(dsn)
  `);

  it.each([
    ['Order.__init__', 'assign-only-constructor'],
    ['Order.__repr__', 'stringer'],
    ['Order.__eq__', 'dunder'],
    ['Order.__call__', null],
    ['Order.remote_total', null],
    ['Order.set_note', 'setter'],
    ['Order.label', 'pure-formatting'],
    ['Order.describe', 'pure-formatting'],
    ['Order.noop', 'empty'],
    ['Order.stub', 'empty'],
    ['Order.placeholder', 'empty'],
    ['Connection.__init__', null],
  ])('%s → %s', (name, reason) => {
    expect(fnOf(facts, name).trivial).toBe(reason);
  });

  it('tells the getter from the setter of one property', () => {
    const [getter, setter] = facts.functions.filter((f) => f.qualifiedName === 'Order.total');
    expect([getter!.kind, getter!.trivial, setter!.kind, setter!.trivial]).toEqual([
      'getter',
      'getter',
      'setter',
      'setter',
    ]);
  });

  it('counts statements without the docstring', () => {
    expect(fnOf(facts, 'Order.__init__').statementCount).toBe(3);
    expect(fnOf(facts, 'Order.noop').statementCount).toBe(0);
  });
});

describe('excluded functions', () => {
  it('excludes the function the main guard runs, abstract methods, overloads, protocol stubs', () => {
    const facts = factsOf(py`
      import abc
      from typing import Protocol, overload

      class Repo(abc.ABC):
          @abc.abstractmethod
          def save(self, order): ...

          def load(self, order_id):
              raise NotImplementedError("subclasses load")

      class Sender(Protocol):
          def send(self, msg: str) -> None: ...

      @overload
      def parse(x: int) -> int: ...
      def parse(x): return x

      def main():
          serve()

      def serve():
          app.run()

      if __name__ == "__main__":
          main()
    `);
    expect(facts.functions.map((f) => [f.qualifiedName, f.excluded?.reason ?? null])).toEqual([
      ['Repo.save', 'abstract method'],
      ['Repo.load', 'abstract method (raises NotImplementedError)'],
      ['Sender.send', 'Protocol method stub'],
      ['parse', '@overload stub'],
      ['parse', null],
      ['main', 'main (called from the __main__ guard)'],
      ['serve', null],
    ]);
  });

  it('excludes main in a __main__ module', () => {
    expect(fnOf(factsOf('def main():\n    run()\n', 'tool/__main__.py'), 'main').excluded).toEqual({
      reason: 'main',
    });
    expect(fnOf(factsOf('def main():\n    run()\n', 'tool/cli.py'), 'main').excluded).toBeNull();
  });
});
