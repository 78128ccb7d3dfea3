'''Deliveries: a module that already names things its own way.'''
from enum import Enum

from opentelemetry import trace as otel_trace

_tracer = otel_trace.get_tracer('deliveries')


class Status(Enum):
    PENDING = 'pending'
    DELIVERED = 'delivered'


def trace(message):
    print('trace:', message)


def mark_delivered(db, delivery_id, span=None):
    trace('marking %s' % delivery_id)
    updated = db.execute('UPDATE deliveries SET status = ? WHERE id = ?', (Status.DELIVERED.value, delivery_id))
    if updated.rowcount == 0:
        raise LookupError(delivery_id)
    return Status.DELIVERED


def retry_delivery(db, delivery_id):
    with _tracer.start_as_current_span('deliveries.retry_delivery') as current:
        current.set_attribute('service.operation', 'retry_delivery')
        current.set_attribute('business.entity_id', delivery_id)
        try:
            db.execute('UPDATE deliveries SET attempts = attempts + 1 WHERE id = ?', (delivery_id,))
        except:
            return False
        return True
